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
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The configuration a poll of alerts is routed by: the services of its new {@code PAGE} alerts,
 * their escalation policies and the schedules their first steps name (the only step a new page notifies), each table read once per
 * poll rather than once per alert. What a poll does not name is absent.
 */
record Routing(Map<String, ServiceDefinition> services, Map<String, EscalationPolicy> policies,
        Map<String, Schedule> schedules) {

    static Uni<Routing> read(Services serviceStore, Policies policyStore, Schedules scheduleStore,
            List<AlertEvent> events) {
        List<String> serviceIds = events.stream()
                .flatMap(event -> switch (event) {
                    case AlertTriggered alert -> alert.urgency() == Urgency.PAGE ? Stream.of(alert.service())
                            : Stream.<String>empty();
                    case AlertResolved resolved -> Stream.<String>empty();
                    case AlertGroupUpdated updated -> Stream.<String>empty();
                })
                .distinct().toList();
        if (serviceIds.isEmpty()) {
            return Uni.createFrom().item(new Routing(Map.of(), Map.of(), Map.of()));
        }
        return serviceStore.getAll(serviceIds).chain(services -> policyStore
                .getAll(services.values().stream().map(ServiceDefinition::escalationPolicy)
                        .toList())
                .chain(policies -> scheduleStore.getAll(policies.values().stream()
                                .flatMap(policy -> policy.steps().get(0).targets().stream())
                                .filter(target -> target.type() != EscalationPolicy.TargetType.USER)
                                .map(EscalationPolicy.Target::id).toList())
                        .map(schedules -> new Routing(services, policies, schedules))));
    }

    Optional<ServiceDefinition> service(String id) {
        return Optional.ofNullable(services.get(id));
    }

    Optional<EscalationPolicy> policy(String id) {
        return Optional.ofNullable(policies.get(id));
    }

}
