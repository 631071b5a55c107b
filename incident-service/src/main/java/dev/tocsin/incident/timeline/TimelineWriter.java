package dev.tocsin.incident.timeline;

import dev.tocsin.events.EventJson;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Sql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.UUID;

/**
 * Appends timeline entries. The consumed event's id is unique, so an event applied twice (a
 * redelivery that slipped past the inbox, a replay racing the live consumer) still gives one entry.
 */
@ApplicationScoped
public class TimelineWriter {

    private static final String INSERT = """
            insert into timeline_entries (event_id, alert_id, page_id, at, kind, text, details)
            values ($1, $2, $3, $4, $5, $6, cast(cast($7 as text) as jsonb))
            on conflict (event_id) do nothing""";

    /**
     * Must run inside {@link AfterCommit#transaction}. The whole event is kept as the entry's
     * details, so later readers (incident documents, postmortem drafts) need not replay to see it.
     *
     * @return whether the entry is new
     */
    public Uni<Boolean> append(UUID eventId, TimelineEntry entry, IntegrationEvent event) {
        return Sql.connection().preparedQuery(INSERT)
                // Arrays.asList: an entry has an alert id or a page id, and the other one is null.
                .execute(Tuple.from(Arrays.asList(eventId, entry.alertId(), entry.pageId(), Sql.at(entry.at()),
                        entry.kind(), entry.text(), EventJson.write(event))))
                .map(rows -> rows.rowCount() == 1);
    }
}
