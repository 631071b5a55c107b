package dev.tocsin.events.directory;

import java.time.Instant;

/**
 * A monitored service was created or changed; the event carries what other services need of it:
 * alert-ingest checks that a key or profile names a known service, and holds its tickets to its
 * team's business hours.
 *
 * @param criticality {@code CRITICAL}, {@code HIGH} or {@code LOW}
 * @param team the id of the team the service belongs to, or null when it belongs to none
 * @param savedBy the actor who saved it, e.g. {@code bootstrap:admin}
 */
public record ServiceSaved(String serviceId, String name, String criticality, String team, String savedBy,
        Instant savedAt) implements DirectoryEvent {

    @Override
    public String aggregateId() {
        return DirectoryEvent.serviceKey(serviceId);
    }
}
