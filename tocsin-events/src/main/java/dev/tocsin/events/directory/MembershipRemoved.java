package dev.tocsin.events.directory;

import java.time.Instant;

/** A person left a team: their tokens no longer do anything in it. */
public record MembershipRemoved(String teamId, String personId, String removedBy, Instant removedAt)
        implements DirectoryEvent {

    @Override
    public String aggregateId() {
        return DirectoryEvent.membershipKey(teamId, personId);
    }
}
