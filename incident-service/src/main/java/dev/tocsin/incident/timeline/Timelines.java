package dev.tocsin.incident.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tocsin.eventing.api.Redaction;
import dev.tocsin.events.EventJson;
import dev.tocsin.events.delivery.DeliveryEvent;
import dev.tocsin.events.delivery.DeliveryFailed;
import dev.tocsin.events.delivery.DeliverySent;
import dev.tocsin.eventing.Timestamps;
import dev.tocsin.incident.timeline.entries.DeliveryEntries;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
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

            where page_id = :pageId or (page_id is null and alert_id = :alertId)
            order by at desc, id desc""";
    private static final String OF_ALERT = COLUMNS + """

            where alert_id = :alertId or page_id in (select page_id from pages where alert_id = :alertId)
            order by at desc, id desc""";
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

    /** The page's timeline, oldest first. Runs in the caller's session. */
    public Uni<List<Line>> ofPage(String pageId, String alertId) {
        boolean contacts = Redaction.showsContacts();
        return Panache.getSession().chain(session -> session.createNativeQuery(OF_PAGE, Object[].class)
                        .setParameter("pageId", pageId)
                        .setParameter("alertId", alertId)
                        .setMaxResults(MAX_ENTRIES)
                        .getResultList())
                .map(rows -> lines(rows, contacts));
    }

    /** Everything recorded about an alert and each of its pages, oldest first. Runs in the caller's session. */
    public Uni<List<Line>> ofAlert(String alertId) {
        boolean contacts = Redaction.showsContacts();
        return Panache.getSession().chain(session -> session.createNativeQuery(OF_ALERT, Object[].class)
                        .setParameter("alertId", alertId)
                        .setMaxResults(MAX_ENTRIES)
                        .getResultList())
                .map(rows -> lines(rows, contacts));
    }

    private static List<Line> lines(List<Object[]> rows, boolean contacts) {
        // Read newest first to keep the newest MAX_ENTRIES; shown oldest first.
        List<Line> lines = new ArrayList<>(rows.stream().map(row -> line(row, contacts)).toList());
        Collections.reverse(lines);
        return lines;
    }

    private static Line line(Object[] row, boolean contacts) {
        Instant at = Timestamps.instant(row[0]);
        String kind = (String) row[1];
        Class<? extends DeliveryEvent> type = PRIVATE_KINDS.get(kind);
        if (contacts || type == null || row[3] == null) {
            return new Line(at, kind, (String) row[2], List.of());
        }
        try {
            DeliveryEvent event = EventJson.MAPPER.readValue((String) row[3], type);
            List<String> withheld = switch (event) {
                case DeliveryFailed failed -> Redaction.withheld(false, "error", failed.error());
                case DeliverySent sent -> Redaction.withheld(false, "address", sent.address());
            };
            return new Line(at, kind, DeliveryEntries.withoutContacts(event).text(), withheld);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable details of a " + kind + " timeline entry", e);
        }
    }
}
