package dev.tocsin.escalation.page;

import dev.tocsin.escalation.policy.EscalationPolicy;
import dev.tocsin.escalation.service.ServiceDefinition;
import java.time.Duration;
import java.util.List;

/**
 * The escalation policy a page runs on, copied when the page opens (or when it is reassigned to
 * another policy): editing or deleting the policy afterwards does not change pages already
 * running. Every step's deadline is resolved at the copy, from the service's criticality where the
 * step sets none.
 *
 * @param repeat how many more times the whole list runs after the first pass
 */
public record PolicySnapshot(String policyId, int repeat, List<Step> steps) {

    /** One step: everybody its targets name at the time it notifies, then its deadline. */
    public record Step(List<EscalationPolicy.Target> targets, Duration deadline) {
    }

    /**
     * The copy a page runs on: a step without a deadline of its own gets the one the service's
     * criticality gives; an unknown criticality (the service is gone) gives the shortest.
     */
    public static PolicySnapshot of(EscalationPolicy policy, ServiceDefinition.Criticality criticality) {
        ServiceDefinition.Criticality known = criticality == null ? ServiceDefinition.Criticality.CRITICAL
                : criticality;
        return new PolicySnapshot(policy.id(), policy.repeatOrDefault(), policy.steps().stream()
                .map(step -> new Step(step.targets(), step.deadline() != null ? step.deadline() : known.deadline()))
                .toList());
    }

    /** The 1-based step {@code number}. */
    public Step step(int number) {
        return steps.get(number - 1);
    }
}
