package dev.tocsin.escalation.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.escalation.policy.EscalationPolicy;
import dev.tocsin.escalation.policy.EscalationPolicy.Target;
import dev.tocsin.escalation.policy.EscalationPolicy.TargetType;
import dev.tocsin.escalation.service.ServiceDefinition;
import dev.tocsin.escalation.service.ServiceDefinition.Criticality;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The routing chain as a table: which policy a new page runs on, or why none. */
class RoutingChainTest {

    private static final Map<String, EscalationPolicy> POLICIES = Map.of(
            "own", policy("own"), "team-default", policy("team-default"), "fallback", policy("fallback"));
    /** Team payments names a default; team ops names a default that was deleted; team bare names none. */
    private static final Map<String, String> TEAM_DEFAULTS = Map.of("payments", "team-default", "ops", "gone");

    private static EscalationPolicy policy(String id) {
        return new EscalationPolicy(id, id, 0, List.of(new EscalationPolicy.Step(
                List.of(new Target(TargetType.USER, "alice")), null)));
    }

    private static Optional<ServiceDefinition> service(String policy, String team) {
        return Optional.of(new ServiceDefinition("checkout", "Checkout", Criticality.HIGH, policy, team));
    }

    static Stream<Arguments> chain() {
        Optional<String> fallback = Optional.of("fallback");
        Optional<String> none = Optional.empty();
        return Stream.of(
                Arguments.of("own policy first", service("own", "payments"), fallback, "own", RoutedBy.SERVICE, null),
                Arguments.of("no policy: the team's default", service(null, "payments"), fallback, "team-default",
                        RoutedBy.TEAM_DEFAULT, null),
                Arguments.of("a deleted policy: the team's default", service("gone", "payments"), fallback,
                        "team-default", RoutedBy.TEAM_DEFAULT, null),
                Arguments.of("no team: the fallback", service(null, null), fallback, "fallback", RoutedBy.FALLBACK,
                        null),
                Arguments.of("the team's default is gone: the fallback", service(null, "ops"), fallback, "fallback",
                        RoutedBy.FALLBACK, null),
                Arguments.of("an unknown service: the fallback", Optional.empty(), fallback, "fallback",
                        RoutedBy.FALLBACK, null),
                Arguments.of("nothing routes it: every failed link named", service(null, "bare"), none, null, null,
                        "service 'checkout' names no escalation policy; team 'bare' names no default policy; "
                                + "no fallback policy is configured (tocsin.escalation.fallback-policy)"),
                Arguments.of("a configured fallback that does not exist", Optional.empty(), Optional.of("deleted"),
                        null, null, "no service 'checkout' is configured; the fallback policy 'deleted' does not exist"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chain")
    void choosesThePolicy(String name, Optional<ServiceDefinition> service, Optional<String> fallback, String policy,
            RoutedBy routedBy, String unroutable) {
        RoutingChain.Choice choice = RoutingChain.choose("checkout", service,
                team -> Optional.ofNullable(TEAM_DEFAULTS.get(team)), id -> Optional.ofNullable(POLICIES.get(id)),
                fallback);
        assertEquals(policy, choice.policy() == null ? null : choice.policy().id());
        assertEquals(routedBy, choice.routedBy());
        assertEquals(unroutable, choice.unroutable());
    }
}
