package dev.tocsin.escalation.engine;

import dev.tocsin.escalation.handoff.HandoffNotices;
import dev.tocsin.eventing.Deadline;
import dev.tocsin.eventing.DeadlineModule;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A schedule's next shift start came: {@link HandoffNotices} tells who starts which pages are still
 * open and answers the next start, all in the recording transaction (nothing here calls out).
 */
@ApplicationScoped
public class ShiftHandoffDeadline implements DeadlineModule {

    private final HandoffNotices notices;

    ShiftHandoffDeadline(HandoffNotices notices) {
        this.notices = notices;
    }

    @Override
    public String kind() {
        return HandoffNotices.DEADLINE;
    }

    @Override
    public Uni<Outcome> fire(Deadline deadline) {
        Outcome outcome = () -> notices.fire(deadline.ref(), deadline.dueAt());
        return Uni.createFrom().item(outcome);
    }
}
