package dev.tocsin.escalation.page;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Inbox;
import dev.tocsin.eventing.deadletter.Redelivery;
import dev.tocsin.events.Topics;
import dev.tocsin.events.page.AcknowledgePage;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies commands on {@code tocsin.page-commands} (acknowledgements from monitoring systems and
 * from people answering a notification) to their pages, each at most once.
 */
@ApplicationScoped
public class PageCommandConsumer implements Redelivery {

    private static final Logger LOG = Logger.getLogger(PageCommandConsumer.class);
    static final String CONSUMER = "escalation.page-commands";

    private final Inbox inbox;
    private final Acknowledgements acknowledgements;
    private final MeterRegistry registry;

    PageCommandConsumer(Inbox inbox, Acknowledgements acknowledgements, MeterRegistry registry) {
        this.inbox = inbox;
        this.acknowledgements = acknowledgements;
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

    // The topic carries one command so far; a second makes this a sealed family and a switch over it.
    private Uni<Void> apply(Iterable<ConsumerRecord<String, String>> records) {
        return inbox.consume(CONSUMER, AcknowledgePage.class, records, this::acknowledge);
    }

    private Uni<Void> acknowledge(Inbox.Fresh<AcknowledgePage> fresh) {
        AcknowledgePage command = fresh.event();
        // Keyed by alert: a sender that knows only the alert reaches its page by the same id the page was opened with.
        String pageId = command.pageId() == null || command.pageId().isBlank()
                ? Pages.idFor(command.alertId()) : command.pageId();
        return acknowledgements.acknowledge(pageId, command.by(), command.via()).invoke(result -> {
            if (result.page() == null) {
                // Not kept for later: most alerts never open a page (ticket urgency, silenced,
                // flapping), and a page opened after its acknowledgement must still reach someone.
                LOG.warnf("acknowledgement of alert %s via %s ignored: it has no page %s", command.alertId(),
                        command.via(), pageId);
                ignored("no-such-page");
            } else if (!result.acknowledged()) {
                // Usual, not a fault: someone else took it first, or it resolved meanwhile.
                ignored("not-open");
            }
        }).replaceWithVoid();
    }

    private void ignored(String reason) {
        AfterCommit.register(() -> registry.counter("tocsin.page.commands.ignored", "reason", reason).increment());
    }
}
