package dev.tocsin.escalation.page;

import dev.tocsin.escalation.config.Documents;
import dev.tocsin.escalation.config.EscalationPolicy;
import dev.tocsin.escalation.config.Schedule;
import dev.tocsin.escalation.schedule.OnCall;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Resolves a policy step's target to the people it means at an instant. */
@ApplicationScoped
public class Targets {

    private static final Logger LOG = Logger.getLogger(Targets.class);

    private final Documents documents;

    Targets(Documents documents) {
        this.documents = documents;
    }

    public Uni<List<String>> resolve(EscalationPolicy.Step step, Instant at) {
        EscalationPolicy.Target target = step.target();
        if (target.type() == EscalationPolicy.TargetType.USER) {
            return Uni.createFrom().item(List.of(target.id()));
        }
        return documents.get("schedules", target.id(), Schedule.class).map(schedule -> resolve(step, at, schedule));
    }

    /** As {@link #resolve(EscalationPolicy.Step, Instant)}, with the step's schedule already read (empty: none). */
    public List<String> resolve(EscalationPolicy.Step step, Instant at, Optional<Schedule> schedule) {
        EscalationPolicy.Target target = step.target();
        if (target.type() == EscalationPolicy.TargetType.USER) {
            return List.of(target.id());
        }
        return schedule.map(s -> {
            OnCall onCall;
            try {
                onCall = OnCall.at(s, at);
            } catch (RuntimeException e) {
                // A schedule stored before today's rules may have no answer; retrying would never give one.
                LOG.warnf("schedule %s has no on-call answer (%s); nobody is notified from it", s.id(), e.getMessage());
                return List.<String>of();
            }
            return List.of(target.type() == EscalationPolicy.TargetType.SCHEDULE_PRIMARY
                    ? onCall.primary() : onCall.secondary());
        }).orElse(List.of());
    }
}
