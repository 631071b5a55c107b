package dev.tocsin.events.page;

import java.time.Instant;
import java.util.List;

/**
 * Nobody acknowledged by the step's deadline, so the page moved to the next step of its policy.
 *
 * @param step 1-based step of the policy now notifying
 * @param round 1 for the first pass through the policy, higher when the policy repeats
 * @param userIds who this step notifies
 */
public record PageEscalated(String pageId, String alertId, int step, int round, List<String> userIds,
        Instant escalatedAt) implements PageEvent {
}
