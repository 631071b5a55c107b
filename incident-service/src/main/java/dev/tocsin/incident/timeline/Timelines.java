package dev.tocsin.incident.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tocsin.eventing.api.Redaction;
import dev.tocsin.events.EventJson;
import dev.tocsin.events.delivery.DeliveryEvent;
import dev.tocsin.events.delivery.DeliveryFailed;
import dev.tocsin.events.delivery.DeliveryDelivered;
import dev.tocsin.events.delivery.DeliveryQueued;
import dev.tocsin.events.delivery.DeliverySent;
import dev.tocsin.eventing.Sql;
import dev.tocsin.incident.timeline.entries.DeliveryEntries;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Reads timelines. Alert events carry no page and deliveries carry no alert, so a page's timeline
 * is its own entries plus its alert's page-less ones, joined here at read time: events arrive on
 * different topics in any order and no entry has to wait for another to be written.
 * Delivery entries name the contact address and the provider's error, which only admin may see:
 * for anyone else they are written again from the stored event without them.
 */
@ApplicationScoped
public class Timelines {

    private static final String COLUMNS = """
            select at, kind, text, case when kind in ('delivery.sent', 'delivery.failed') then cast(details as text) end
            from timeline_entries""";
    private static final String OF_PAGE = COLUMNS + """

            where page_id = $1 or (page_id is null and alert_id = $2)
            order by at desc, id desc limit $3""";
    private static final String OF_ALERT = COLUMNS + """

            where alert_id = $1 or page_id in (select page_id from pages where alert_id = $1)
            order by at desc, id desc limit $2""";
    private static final Map<String, Class<? extends DeliveryEvent>> PRIVATE_KINDS = Map.of(
            "delivery.sent", DeliverySent.class, "delivery.failed", DeliveryFailed.class);

    /** A timeline shows its newest entries up to this many, oldest first; a page or alert rarely has 100. */
    public static final int MAX_ENTRIES = 1000;

    /**
     * A recorded line of a timeline.
     *
     * @param redacted what was left out of {@code text} for this caller: {@code address}, {@code error}
     */
    public record Line(Instant at, String kind, String text,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> redacted) {
    }

    /** The page's timeline, oldest first. Runs in the enclosing transaction, if any. */
    public Uni<List<Line>> ofPage(String pageId, String alertId) {
        boolean contacts = Redaction.showsContacts();
        return Sql.client().preparedQuery(OF_PAGE).execute(Tuple.of(pageId, alertId, MAX_ENTRIES))
                .map(rows -> lines(rows, contacts));
    }

    /** Everything recorded about an alert and each of its pages, oldest first; in the enclosing transaction, if any. */
    public Uni<List<Line>> ofAlert(String alertId) {
        boolean contacts = Redaction.showsContacts();
        return Sql.client().preparedQuery(OF_ALERT).execute(Tuple.of(alertId, MAX_ENTRIES))
                .map(rows -> lines(rows, contacts));
    }

    private static List<Line> lines(RowSet<Row> rows, boolean contacts) {
        // Read newest first to keep the newest MAX_ENTRIES; shown oldest first.
        List<Line> lines = new ArrayList<>(rows.size());
        rows.forEach(row -> lines.add(line(row, contacts)));
        Collections.reverse(lines);
        return lines;
    }

    private static Line line(Row row, boolean contacts) {
        Instant at = Sql.instant(row, 0);
        String kind = row.getString(1);
        String details = row.getString(3);
        Class<? extends DeliveryEvent> type = PRIVATE_KINDS.get(kind);
        if (contacts || type == null || details == null) {
            return new Line(at, kind, row.getString(2), List.of());
        }
        try {
            DeliveryEvent event = EventJson.MAPPER.readValue(details, type);
            List<String> withheld = switch (event) {
                case DeliveryFailed failed -> Redaction.withheld(false, "error", failed.error());
                case DeliverySent sent -> Redaction.withheld(false, "address", sent.address());
                // Neither names an address or an error: their kinds are not private.
                case DeliveryQueued queued -> List.<String>of();
                case DeliveryDelivered delivered -> List.<String>of();
            };
            return new Line(at, kind, DeliveryEntries.withoutContacts(event).text(), withheld);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable details of a " + kind + " timeline entry", e);
        }
    }
}
