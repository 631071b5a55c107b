package dev.tocsin.escalation.page;

import dev.tocsin.escalation.policy.store.Policies;
import dev.tocsin.escalation.schedule.store.Schedules;
import dev.tocsin.escalation.service.store.Services;
import dev.tocsin.escalation.policy.EscalationPolicy;
import dev.tocsin.escalation.schedule.model.Schedule;
import dev.tocsin.escalation.service.ServiceDefinition;
import dev.tocsin.events.alert.AlertEvent;
import dev.tocsin.events.alert.AlertGroupUpdated;
import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Urgency;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import dev.tocsin.escalation.team.TeamRoster;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The configuration a poll of alerts is routed by: the services of its new {@code PAGE} and
 * {@code TICKET} alerts, their teams, every policy the routing chain may pick for them (the
 * service's, the team's default, the fallback), and the schedules and teams their first steps name
 * (the only step a new page notifies, and whom a ticket is for), each table read once per poll
 * rather than once per alert. What a poll does not name is absent.
 */
record Routing(Map<String, ServiceDefinition> services, Map<String, EscalationPolicy> policies,
        Map<String, Schedule> schedules, Map<String, TeamRoster.Routing> teams,
        Map<String, List<String>> responders, Optional<String> fallbackPolicy) {

    static Uni<Routing> read(Services serviceStore, Policies policyStore, Schedules scheduleStore,
            TeamRoster roster, Optional<String> fallbackPolicy, List<AlertEvent> events) {
        List<String> serviceIds = events.stream()
                .flatMap(event -> switch (event) {
                    // A ticket is routed too: the on-call load counts it for whom its policy's first step names.
                    case AlertTriggered alert -> alert.urgency() != Urgency.LOG ? Stream.of(alert.service())
                            : Stream.<String>empty();
                    case AlertResolved resolved -> Stream.<String>empty();
                    case AlertGroupUpdated updated -> Stream.<String>empty();
                })
                .distinct().toList();
        if (serviceIds.isEmpty()) {
            return Uni.createFrom().item(new Routing(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), fallbackPolicy));
        }
        return serviceStore.getAll(serviceIds).chain(services -> roster.routing(services.values().stream()
                        .map(ServiceDefinition::team).filter(Objects::nonNull).toList())
                .chain(teams -> policyStore.getAll(Stream.of(
                                services.values().stream().map(ServiceDefinition::escalationPolicy),
                                teams.values().stream().map(TeamRoster.Routing::defaultPolicy), fallbackPolicy.stream())
                        .flatMap(s -> s).filter(Objects::nonNull).toList())
                .chain(policies -> {
                    List<EscalationPolicy.Target> first = policies.values().stream()
                            .flatMap(policy -> policy.steps().get(0).targets().stream()).toList();
                    // Neither depends on the other: pipelined on the poll's connection, one round trip.
                    return Uni.combine().all().unis(
                                    scheduleStore.getAll(first.stream().filter(t -> t.type().schedule())
                                            .map(EscalationPolicy.Target::id).toList()),
                                    roster.responders(first.stream().filter(t -> t.type().team())
                                            .map(EscalationPolicy.Target::id).toList()))
                            .with((schedules, responders) -> new Routing(services, policies, schedules, teams,
                                    responders, fallbackPolicy));
                })));
    }

    Optional<ServiceDefinition> service(String id) {
        return Optional.ofNullable(services.get(id));
    }

    Optional<EscalationPolicy> policy(String id) {
        return Optional.ofNullable(policies.get(id));
    }

    /** The team's default policy id, empty when it names none or is not a team. */
    Optional<String> teamDefault(String team) {
        return Optional.ofNullable(teams.get(team)).map(TeamRoster.Routing::defaultPolicy);
    }

    /** The policy a new page of {@code serviceId} runs on, by the routing chain. */
    RoutingChain.Choice choose(String serviceId) {
        return RoutingChain.choose(serviceId, service(serviceId), this::teamDefault, this::policy, fallbackPolicy);
    }
}
