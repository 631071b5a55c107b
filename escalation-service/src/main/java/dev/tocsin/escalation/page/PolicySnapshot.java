package dev.tocsin.escalation.page;

import dev.tocsin.escalation.config.EscalationPolicy;
import java.time.Duration;
import java.util.List;

/**
 * The escalation policy a page runs on, copied when the page opens (or when it is reassigned to
 * another policy): editing or deleting the policy afterwards does not change pages already
 * running. Every step's deadline is resolved at the copy.
 *
 * @param repeat how many more times the whole list runs after the first pass
 */
public record PolicySnapshot(String policyId, int repeat, List<Step> steps) {

    /** One step: everybody its targets name at the time it notifies, then its deadline. */
    public record Step(List<EscalationPolicy.Target> targets, Duration deadline) {
    }

    public static PolicySnapshot of(EscalationPolicy policy) {
        return new PolicySnapshot(policy.id(), policy.repeat(), policy.steps().stream()
                .map(step -> new Step(List.of(step.target()), step.deadline())).toList());
    }

    /** The 1-based step {@code number}. */
    public Step step(int number) {
        return steps.get(number - 1);
    }
}
