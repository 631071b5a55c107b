package dev.tocsin.escalation.page;

import dev.tocsin.escalation.policy.EscalationPolicy;
import dev.tocsin.escalation.schedule.model.OnCallAt;
import dev.tocsin.escalation.schedule.model.Schedule;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Who a policy step's targets mean at an instant, given the schedules at hand: a pure function,
 * so the Page aggregate can decide who is notified without reading anything. A person named by
 * two targets of a step is notified once. A schedule's primary and secondary are who the layered
 * model says holds the role at the instant, overrides and accepted swaps included; where no layer
 * of the role has a shift, the target names nobody.
 */
public final class StepRouting {

    private static final Logger LOG = Logger.getLogger(StepRouting.class);

    private StepRouting() {
    }

    /**
     * @param schedules the schedules the step names, by id; one missing (deleted) names nobody
     */
    public static List<String> people(PolicySnapshot.Step step, Map<String, Schedule> schedules, Instant at) {
        Set<String> people = new LinkedHashSet<>();
        for (EscalationPolicy.Target target : step.targets()) {
            switch (target.type()) {
                case USER -> people.add(target.id());
                case SCHEDULE_PRIMARY, SCHEDULE_SECONDARY -> {
                    Schedule schedule = schedules.get(target.id());
                    if (schedule != null) {
                        onCall(schedule, at, target.type() == EscalationPolicy.TargetType.SCHEDULE_PRIMARY,
                                people);
                    }
                }
            }
        }
        return List.copyOf(people);
    }

    private static void onCall(Schedule schedule, Instant at, boolean primary, Set<String> people) {
        OnCallAt onCall;
        try {
            onCall = schedule.at(at);
        } catch (RuntimeException e) {
            // A schedule stored before today's rules may have no answer; retrying would never give one.
            LOG.warnf("schedule %s has no on-call answer (%s); nobody is notified from it", schedule.id(),
                    e.getMessage());
            return;
        }
        (primary ? onCall.primaryPerson() : onCall.secondaryPerson()).ifPresent(people::add);
    }
}
