package dev.tocsin.notifier.action;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Outbox;
import dev.tocsin.eventing.OutboxRelay;
import dev.tocsin.events.page.AcknowledgePage;
import dev.tocsin.events.page.EscalatePage;
import dev.tocsin.events.page.PageCommand;
import dev.tocsin.events.page.ResolvePage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * What a person did to a page from a message (a signed link, an SMS reply, a key pressed during a
 * call) becomes a command on {@code tocsin.page-commands}, appended to the outbox in a transaction
 * of its own, in the person's name and the channel's: escalation-service carries it out as any
 * command, and refuses it as any command (a page resolved meanwhile).
 */
@ApplicationScoped
public class PageActions {

    private static final Logger LOG = Logger.getLogger(PageActions.class);

    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;

    PageActions(Outbox outbox, OutboxRelay relay, Clock clock) {
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
    }

    /** @param via the channel it came from, e.g. {@code signed-link}, {@code sms}, {@code voice} */
    public Uni<Void> send(PageAction action, String pageId, String alertId, String person, String via) {
        PageCommand command = switch (action) {
            case ACKNOWLEDGE -> new AcknowledgePage(alertId, pageId, person, via, clock.instant());
            case RESOLVE -> new ResolvePage(alertId, pageId, person, via, clock.instant());
            case ESCALATE -> new EscalatePage(alertId, pageId, person, via, clock.instant());
        };
        return AfterCommit.transaction(() -> outbox.append(command)).invoke(relay::wake)
                .invoke(() -> LOG.infof("page %s: %s by %s via %s", pageId, action.word(), person, via));
    }
}
