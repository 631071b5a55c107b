package dev.tocsin.incident.timeline;

import dev.tocsin.events.EventJson;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Appends timeline entries, a poll's in one statement. The consumed event's id is unique, so an
 * event applied twice (a redelivery that slipped past the inbox, a replay racing the live consumer)
 * still gives one entry.
 */
@ApplicationScoped
public class TimelineWriter {

    /**
     * One row per entry, unnested from one array per column: every event of a topic yields an entry,
     * and a statement per entry was PostgreSQL's costliest at 200 alerts a second (docs/benchmarks.md).
     */
    private static final String INSERT = """
            insert into timeline_entries (event_id, alert_id, page_id, at, kind, text, details)
            select e.event_id, e.alert_id, e.page_id, e.at, e.kind, e.text, cast(e.details as jsonb)
            from unnest(cast($1 as uuid[]), cast($2 as text[]), cast($3 as text[]), cast($4 as timestamptz[]),
                        cast($5 as text[]), cast($6 as text[]), cast($7 as text[]))
                 as e(event_id, alert_id, page_id, at, kind, text, details)
            on conflict (event_id) do nothing
            returning kind""";

    /** An entry with the event it stands for, which is kept whole as its details. */
    public record Written(UUID eventId, TimelineEntry entry, IntegrationEvent event) {
    }

    /**
     * Must run inside {@link AfterCommit#transaction}. The whole event is kept as the entry's
     * details, so later readers (incident documents, postmortem drafts) need not replay to see it.
     *
     * @return the kinds of the entries that are new, one per entry
     */
    public Uni<List<String>> appendAll(List<Written> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // An entry has an alert id or a page id, and the other one is null.
        return Sql.connection().preparedQuery(INSERT)
                .execute(Tuple.from(List.<Object>of(Sql.uuids(entries, Written::eventId),
                        Sql.texts(entries, e -> e.entry().alertId()), Sql.texts(entries, e -> e.entry().pageId()),
                        Sql.times(entries, e -> e.entry().at()), Sql.texts(entries, e -> e.entry().kind()),
                        Sql.texts(entries, e -> e.entry().text()),
                        Sql.texts(entries, e -> EventJson.write(e.event())))))
                .map(rows -> {
                    List<String> kinds = new ArrayList<>(rows.rowCount());
                    rows.forEach(row -> kinds.add(row.getString(0)));
                    return kinds;
                });
    }
}
