package dev.tocsin.escalation.page;

import dev.tocsin.escalation.config.Documents;
import dev.tocsin.escalation.config.EscalationPolicy;
import dev.tocsin.escalation.config.Schedule;
import dev.tocsin.escalation.schedule.OnCall;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Resolves a policy step's target to the people it means at an instant. */
@ApplicationScoped
public class Targets {

    private final Documents documents;

    Targets(Documents documents) {
        this.documents = documents;
    }

    public Uni<List<String>> resolve(EscalationPolicy.Step step, Instant at) {
        EscalationPolicy.Target target = step.target();
        if (target.type() == EscalationPolicy.TargetType.USER) {
            return Uni.createFrom().item(List.of(target.id()));
        }
        return documents.get("schedules", target.id(), Schedule.class).map(schedule -> schedule.map(s -> {
            OnCall onCall = OnCall.at(s, at);
            return List.of(target.type() == EscalationPolicy.TargetType.SCHEDULE_PRIMARY
                    ? onCall.primary() : onCall.secondary());
        }).orElse(List.of()));
    }
}
