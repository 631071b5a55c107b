package dev.tocsin.incident.timeline;

import dev.tocsin.events.EventJson;
import dev.tocsin.events.IntegrationEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Appends timeline entries. The consumed event's id is unique, so an event applied twice (a
 * redelivery that slipped past the inbox, a replay racing the live consumer) still gives one entry.
 */
@ApplicationScoped
public class TimelineWriter {

    private static final String INSERT = """
            insert into timeline_entries (event_id, alert_id, page_id, at, kind, text, details)
            values (:eventId, :alertId, :pageId, :at, :kind, :text, cast(cast(:details as text) as jsonb))
            on conflict (event_id) do nothing""";

    /**
     * Must run inside {@code Panache.withTransaction}. The whole event is kept as the entry's
     * details, so later readers (incident documents, postmortem drafts) need not replay to see it.
     *
     * @return whether the entry is new
     */
    public Uni<Boolean> append(UUID eventId, TimelineEntry entry, IntegrationEvent event) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                        .setParameter("eventId", eventId)
                        .setParameter("alertId", entry.alertId())
                        .setParameter("pageId", entry.pageId())
                        .setParameter("at", entry.at())
                        .setParameter("kind", entry.kind())
                        .setParameter("text", entry.text())
                        .setParameter("details", EventJson.write(event))
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
