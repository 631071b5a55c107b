package dev.tocsin.events.directory;

import java.time.Instant;

/**
 * A person joined a team or their role in it changed. A person's token never does more in a team
 * than this role allows, so lowering it lowers what their tokens may do at once.
 */
public record MembershipSaved(String teamId, String personId, TeamRole role, String savedBy, Instant savedAt)
        implements DirectoryEvent {

    @Override
    public String aggregateId() {
        return DirectoryEvent.membershipKey(teamId, personId);
    }
}
