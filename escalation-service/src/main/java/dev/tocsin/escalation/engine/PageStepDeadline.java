package dev.tocsin.escalation.engine;

import dev.tocsin.escalation.page.PageCommand;
import dev.tocsin.escalation.page.PageCommands;
import dev.tocsin.eventing.Deadline;
import dev.tocsin.eventing.DeadlineModule;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A page's deadline passed (its step's, or its snooze's): the Page aggregate decides what follows
 * ({@link PageCommand.StepDue}) on the policy snapshot the page runs on, never the live policy;
 * this module only fires it and moves the deadline to when the page is next due. Nothing here calls
 * out, so all of it (reading the page, deciding, recording) happens in the recording transaction,
 * under the deadline's lease: an acknowledgement that cancelled the deadline meanwhile leaves the
 * page as the acknowledgement left it.
 */
@ApplicationScoped
public class PageStepDeadline implements DeadlineModule {

    private final PageCommands commands;

    PageStepDeadline(PageCommands commands) {
        this.commands = commands;
    }

    @Override
    public String kind() {
        return PageCommands.DEADLINE;
    }

    @Override
    public Uni<Outcome> fire(Deadline deadline) {
        Outcome outcome = () -> commands.due(deadline.ref());
        return Uni.createFrom().item(outcome);
    }
}
