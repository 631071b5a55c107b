package dev.tocsin.escalation.page;

import dev.tocsin.escalation.person.store.Users;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Inbox;
import dev.tocsin.eventing.deadletter.Redelivery;
import dev.tocsin.events.Topics;
import dev.tocsin.events.page.AcknowledgePage;
import dev.tocsin.events.page.EscalatePage;
import dev.tocsin.events.page.ReassignPage;
import dev.tocsin.events.page.ResolvePage;
import dev.tocsin.events.page.SnoozePage;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import dev.tocsin.escalation.page.store.Pages;

/**
 * Applies commands on {@code tocsin.page-commands} (from monitoring systems acknowledging at the
 * source, people answering a notification, chat tools) to their pages, each at most once, through
 * the same path as the REST API ({@link PageCommands}). A command the page cannot carry out is
 * counted and dropped, not parked: it would never succeed on a retry.
 */
@ApplicationScoped
public class PageCommandConsumer implements Redelivery {

    private static final Logger LOG = Logger.getLogger(PageCommandConsumer.class);
    static final String CONSUMER = "escalation.page-commands";

    private final Inbox inbox;
    private final PageCommands commands;
    private final Users users;
    private final MeterRegistry registry;

    PageCommandConsumer(Inbox inbox, PageCommands commands, Users users, MeterRegistry registry) {
        this.inbox = inbox;
        this.commands = commands;
        this.users = users;
        this.registry = registry;
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public Uni<Void> redeliver(ConsumerRecord<String, String> record) {
        return apply(List.of(record));
    }

    /** A poll of commands, in one transaction. */
    @Incoming(Topics.PAGE_COMMANDS)
    public Uni<Void> on(ConsumerRecords<String, String> poll) {
        return apply(poll);
    }

    private Uni<Void> apply(Iterable<ConsumerRecord<String, String>> records) {
        return inbox.consume(CONSUMER, dev.tocsin.events.page.PageCommand.class, records, this::handle);
    }

    private Uni<Void> handle(Inbox.Fresh<dev.tocsin.events.page.PageCommand> fresh) {
        dev.tocsin.events.page.PageCommand command = fresh.event();
        // Keyed by alert: a sender that knows only the alert reaches its page by the same id the page was opened with.
        String pageId = command.pageId() == null || command.pageId().isBlank()
                ? Pages.idFor(command.alertId()) : command.pageId();
        PageCommand.Actor actor = new PageCommand.Actor(command.by(), command.via());
        Uni<PageCommands.Result> handled = switch (command) {
            case AcknowledgePage c -> commands.handle(pageId, new PageCommand.Acknowledge(actor));
            case ResolvePage c -> commands.handle(pageId, new PageCommand.Resolve(actor));
            case SnoozePage c -> commands.handle(pageId, new PageCommand.Snooze(c.until(), actor));
            case EscalatePage c -> commands.handle(pageId, new PageCommand.EscalateNow(actor));
            case ReassignPage c -> c.policyId() == null
                    ? users.missing(List.of(c.userId())).chain(missing -> missing.isEmpty()
                            ? commands.handle(pageId, new PageCommand.Reassign(c.userId(), null, actor))
                            : Uni.createFrom().failure(new NoSuchPerson(c.userId())))
                    : commands.reassignToPolicy(pageId, c.policyId(), actor);
        };
        return handled.invoke(result -> {
            if (result.changes().isEmpty()) {
                // Taken already, or the same command again: one acknowledgement, one resolution is kept.
                ignored(result.before().status() == Page.Status.NEW ? "no-such-page" : "not-open");
            }
        }).replaceWithVoid().onFailure(PageRefused.class).recoverWithUni(e -> {
            if (((PageRefused) e).status() == Page.Status.NEW) {
                // Not kept for later: most alerts never open a page (ticket urgency, silenced,
                // flapping), and a page opened after its acknowledgement must still reach someone.
                LOG.warnf("%s of alert %s via %s ignored: it has no page %s", kind(command), command.alertId(),
                        command.via(), pageId);
                ignored("no-such-page");
            } else {
                // Usual, not a fault: someone else took it first, or it resolved meanwhile.
                ignored("not-open");
            }
            return Uni.createFrom().voidItem();
        }).onFailure(PageCommands.NoSuchPolicy.class).recoverWithUni(e -> {
            LOG.warnf("%s of alert %s via %s ignored: policy %s", kind(command), command.alertId(), command.via(),
                    e.getMessage());
            ignored("no-such-policy");
            return Uni.createFrom().voidItem();
        }).onFailure(NoSuchPerson.class).recoverWithUni(e -> {
            // As over REST, where it is a 400: handing a page to nobody would leave it with nobody to answer.
            LOG.warnf("%s of alert %s via %s ignored: person %s", kind(command), command.alertId(), command.via(),
                    e.getMessage());
            ignored("no-such-person");
            return Uni.createFrom().voidItem();
        }).onFailure(IllegalArgumentException.class).recoverWithUni(e -> {
            LOG.warnf("%s of alert %s via %s ignored: %s", kind(command), command.alertId(), command.via(),
                    e.getMessage());
            ignored("invalid");
            return Uni.createFrom().voidItem();
        });
    }

    /** A reassignment named a person who does not exist. */
    private static final class NoSuchPerson extends RuntimeException {

        NoSuchPerson(String userId) {
            super("'" + userId + "' does not exist", null, false, false);
        }
    }

    private static String kind(dev.tocsin.events.page.PageCommand command) {
        return command.getClass().getSimpleName();
    }

    private void ignored(String reason) {
        AfterCommit.register(() -> registry.counter("tocsin.page.commands.ignored", "reason", reason).increment());
    }
}
