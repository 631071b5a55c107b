package dev.tocsin.events.page;

import java.time.Instant;
import java.util.List;

/**
 * Someone handed the page to a person (at the step it was on) or to another escalation policy
 * (from its step 1); the people named are notified and the step's deadline runs anew.
 *
 * @param policyId the policy the page now runs on (the new one after a reassignment to a policy)
 * @param userId the person it was handed to; null when it was handed to a policy
 * @param userIds who was notified
 * @param by who reassigned it, as the command named them
 * @param via where the command came from, e.g. {@code api}
 */
public record PageReassigned(String pageId, String alertId, String policyId, String userId, int step, int round,
        List<String> userIds, String by, String via, Instant reassignedAt) implements PageEvent {
}
