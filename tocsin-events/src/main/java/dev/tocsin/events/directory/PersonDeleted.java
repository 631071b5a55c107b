package dev.tocsin.events.directory;

import java.time.Instant;

/** A person was deleted; escalation-service deletes only one no schedule or policy names. */
public record PersonDeleted(String personId, String deletedBy, Instant deletedAt) implements DirectoryEvent {

    @Override
    public String aggregateId() {
        return DirectoryEvent.personKey(personId);
    }
}
