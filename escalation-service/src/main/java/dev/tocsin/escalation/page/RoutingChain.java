package dev.tocsin.escalation.page;

import dev.tocsin.escalation.policy.EscalationPolicy;
import dev.tocsin.escalation.service.ServiceDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which policy a new page of a service runs on, a pure decision: the service's own policy, else
 * its team's default policy, else the system-wide fallback policy; only when none of them exists
 * is the page unrouted, with every link that failed in its reason.
 */
public final class RoutingChain {

    /**
     * @param policy the policy the page runs on; null when none exists
     * @param routedBy which link gave it; null when none did
     * @param unroutable why no link gave a policy, when {@code policy} is null
     */
    public record Choice(EscalationPolicy policy, RoutedBy routedBy, String unroutable) {
    }

    private RoutingChain() {
    }

    /**
     * @param serviceId the alert's service, as it named it
     * @param service its configuration, empty when no service of that id is configured
     * @param teamDefault a team's default policy id, empty when it names none (or is gone)
     * @param policies the policies at hand, by id
     * @param fallbackPolicy {@code tocsin.escalation.fallback-policy}, empty when not configured
     */
    public static Choice choose(String serviceId, Optional<ServiceDefinition> service,
            Function<String, Optional<String>> teamDefault, Function<String, Optional<EscalationPolicy>> policies,
            Optional<String> fallbackPolicy) {
        List<String> failed = new ArrayList<>();
        if (service.isEmpty()) {
            failed.add("no service '" + serviceId + "' is configured");
        } else {
            String own = service.get().escalationPolicy();
            if (own == null) {
                failed.add("service '" + serviceId + "' names no escalation policy");
            } else {
                Optional<EscalationPolicy> policy = policies.apply(own);
                if (policy.isPresent()) {
                    return new Choice(policy.get(), RoutedBy.SERVICE, null);
                }
                failed.add("escalation policy '" + own + "' does not exist");
            }
            String team = service.get().team();
            if (team == null) {
                failed.add("the service belongs to no team");
            } else {
                Optional<String> teamPolicy = teamDefault.apply(team);
                if (teamPolicy.isEmpty()) {
                    failed.add("team '" + team + "' names no default policy");
                } else {
                    Optional<EscalationPolicy> policy = policies.apply(teamPolicy.get());
                    if (policy.isPresent()) {
                        return new Choice(policy.get(), RoutedBy.TEAM_DEFAULT, null);
                    }
                    failed.add("team '" + team + "''s default policy '" + teamPolicy.get() + "' does not exist");
                }
            }
        }
        if (fallbackPolicy.isEmpty()) {
            failed.add("no fallback policy is configured (tocsin.escalation.fallback-policy)");
        } else {
            Optional<EscalationPolicy> policy = policies.apply(fallbackPolicy.get());
            if (policy.isPresent()) {
                return new Choice(policy.get(), RoutedBy.FALLBACK, null);
            }
            failed.add("the fallback policy '" + fallbackPolicy.get() + "' does not exist");
        }
        return new Choice(null, null, String.join("; ", failed));
    }
}
