package dev.tocsin.ingest.storm;

import java.time.Instant;
import java.util.List;

/**
 * What the event store keeps about a storm's grouped alert (aggregate type {@code AlertGroup}).
 * Members join and resolve in batches, so one event names every member a batch changed.
 */
public sealed interface GroupEvent {

    String groupId();

    /** A storm began on the service: past the threshold, new {@code PAGE} alerts join this group. */
    record GroupOpened(String groupId, String service, String reason, Instant openedAt) implements GroupEvent {
    }

    /** @param firing how many members fire after these joined */
    record MembersJoined(String groupId, List<String> alertIds, int members, int firing, Instant at)
            implements GroupEvent {
    }

    /** @param firing how many members still fire */
    record MembersResolved(String groupId, List<String> alertIds, int firing, Instant at) implements GroupEvent {
    }

    /** The grouped alert was published once its members had gathered for the group wait. */
    record GroupPublished(String groupId, String summary, Instant at) implements GroupEvent {
    }

    /** Every member resolved. */
    record GroupClosed(String groupId, Instant at) implements GroupEvent {
    }
}
