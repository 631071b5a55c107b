package dev.tocsin.events.page;

import java.time.Instant;
import java.util.List;

/**
 * The page moved to the next step of its policy: nobody acknowledged by the step's deadline, or
 * someone escalated it at once.
 *
 * @param step 1-based step of the policy now notifying
 * @param round 1 for the first pass through the policy, higher when the policy repeats
 * @param userIds who this step notifies
 * @param by who escalated it now, as the command named them; null when the deadline passed (an
 *     optional field, added in place: a consumer of the first shape reads it as absent)
 * @param via where that command came from (the API, a chat tool); null as {@code by}
 */
public record PageEscalated(String pageId, String alertId, int step, int round, List<String> userIds,
        Instant escalatedAt, String by, String via) implements PageEvent {

    /** An escalation by the step's deadline, which no one asked for. */
    public PageEscalated(String pageId, String alertId, int step, int round, List<String> userIds, Instant escalatedAt) {
        this(pageId, alertId, step, round, userIds, escalatedAt, null, null);
    }
}
