package dev.tocsin.events.directory;

import java.time.Instant;

/** A team was deleted; escalation-service deletes only a team without members or live tokens. */
public record TeamDeleted(String teamId, String deletedBy, Instant deletedAt) implements DirectoryEvent {

    @Override
    public String aggregateId() {
        return DirectoryEvent.teamKey(teamId);
    }
}
