package dev.tocsin.escalation.engine;

import dev.tocsin.escalation.config.Documents;
import dev.tocsin.escalation.config.EscalationPolicy;
import dev.tocsin.escalation.page.AlertConsumer;
import dev.tocsin.escalation.page.Page;
import dev.tocsin.escalation.page.PageChange;
import dev.tocsin.escalation.page.Pages;
import dev.tocsin.escalation.page.Targets;
import dev.tocsin.eventing.Deadline;
import dev.tocsin.eventing.DeadlineModule;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A step's response deadline passed without an acknowledgement: notify the next step's people
 * and wait for its deadline, or mark the page exhausted when the policy ran out. Nothing here
 * calls out, so all of it (reading the page, deciding, recording) happens in the recording
 * transaction, under the deadline's lease: an acknowledgement that cancelled the deadline
 * meanwhile leaves the page as the acknowledgement left it.
 */
@ApplicationScoped
public class PageStepDeadline implements DeadlineModule {

    private final Pages pages;
    private final Documents documents;
    private final Targets targets;
    private final Clock clock;

    PageStepDeadline(Pages pages, Documents documents, Targets targets, Clock clock) {
        this.pages = pages;
        this.documents = documents;
        this.targets = targets;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return AlertConsumer.DEADLINE;
    }

    @Override
    public Uni<Outcome> fire(Deadline deadline) {
        Outcome outcome = () -> escalate(deadline);
        return Uni.createFrom().item(outcome);
    }

    private Uni<Optional<Instant>> escalate(Deadline deadline) {
        Instant now = clock.instant();
        return pages.load(deadline.ref()).chain(found -> {
            Page page = found.orElse(null);
            if (page == null || page.status() != Page.Status.OPEN) {
                return Uni.createFrom().item(Optional.<Instant>empty());
            }
            return documents.get("escalation_policies", page.policyId(), EscalationPolicy.class).chain(policy -> {
                if (policy.isEmpty()) {
                    // The policy was deleted while the page was open: nobody left to escalate to.
                    return pages.record(page, page.id(), List.of(new PageChange.Exhausted(now)))
                            .replaceWith(Optional.<Instant>empty());
                }
                Page.Next next = Page.next(page, policy.get());
                EscalationPolicy.Step step = policy.get().steps().get(next.step() - 1);
                return targets.resolve(step, now).chain(users -> {
                    List<PageChange> events = Page.escalate(page, policy.get(), users, now);
                    boolean escalated = events.stream().anyMatch(PageChange.Escalated.class::isInstance);
                    return pages.record(page, page.id(), events)
                            .replaceWith(escalated ? Optional.of(now.plus(step.deadline())) : Optional.<Instant>empty());
                });
            });
        });
    }
}
