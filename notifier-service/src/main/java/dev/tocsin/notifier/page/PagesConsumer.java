package dev.tocsin.notifier.page;

import dev.tocsin.eventing.Inbox;
import dev.tocsin.eventing.deadletter.Redelivery;
import dev.tocsin.eventing.rebuild.TopicProjection;
import dev.tocsin.events.Topics;
import dev.tocsin.events.page.PageEscalated;
import dev.tocsin.events.page.PageEvent;
import dev.tocsin.notifier.delivery.DeliveryCancellations;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows {@code tocsin.pages}, a poll per transaction through the inbox: keeps each page's state in
 * {@code notifier_page_states}, and when a page is acknowledged or resolved cancels its deliveries
 * still pending or waiting for a retry, so nobody is emailed about a page someone already took;
 * when it escalates, those of the people its new step does not notify.
 * The table is a projection of the topic, rebuilt by replaying it through this same path.
 */
@ApplicationScoped
public class PagesConsumer implements Redelivery, TopicProjection {

    static final String CONSUMER = "notifier.pages";

    private final Inbox inbox;
    private final PageStates pages;
    private final DeliveryCancellations cancellations;
    private final Clock clock;

    PagesConsumer(Inbox inbox, PageStates pages, DeliveryCancellations cancellations, Clock clock) {
        this.inbox = inbox;
        this.pages = pages;
        this.cancellations = cancellations;
        this.clock = clock;
    }

    /** A poll of page events, in one transaction. */
    @Incoming(Topics.PAGES)
    public Uni<Void> on(ConsumerRecords<String, String> poll) {
        return consume(poll);
    }

    private Uni<Void> consume(Iterable<ConsumerRecord<String, String>> records) {
        // The poll's page states, locked and read once; each event folds into the map, so two events
        // of one page in a poll see each other.
        return inbox.consume(CONSUMER, PageEvent.class, records,
                events -> pages.lockAndRead(events.stream().map(PageEvent::pageId).filter(id -> !blank(id)).toList()),
                (states, fresh) -> handle(fresh.event(), states));
    }

    private Uni<Void> handle(PageEvent event, Map<String, PageState> states) {
        if (blank(event.pageId())) {
            // Retrying cannot fix it: the inbox parks it, where an operator sees it.
            return Uni.createFrom().failure(new IllegalArgumentException("a page event needs a pageId"));
        }
        PageState before = states.get(event.pageId());
        PageState after = PageState.apply(before, event);
        states.put(event.pageId(), after);
        Optional<String> closed = after.closedReason();
        Uni<Void> written = pages.write(after);
        // Only a closing cancels: an event on a page closed already (ran out after its acknowledgement,
        // acknowledged again) finds nothing its closing did not cancel.
        boolean closing = closed.isPresent() && (before == null || !before.status().closed()
                || before.status() != after.status() || !Objects.equals(before.closedAt(), after.closedAt()));
        if (closing) {
            return written.chain(() -> cancellations.cancelOpen(after.pageId(), closed.get(), clock.instant(),
                    after.status() == PageStatus.RESOLVED ? null : after.closedAt())).replaceWithVoid();
        }
        if (event instanceof PageEscalated escalated && after.status() == PageStatus.OPEN) {
            // The rules of those an earlier step notified stop: the page is someone else's to take now.
            // Those the new step notifies (again) keep theirs.
            return written.chain(() -> cancellations.cancelOpen(after.pageId(), "page escalated to step "
                    + escalated.step() + " (round " + escalated.round() + ")", clock.instant(),
                    escalated.escalatedAt(), escalated.userIds() == null ? List.of() : escalated.userIds()))
                    .replaceWithVoid();
        }
        return written;
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public Uni<Void> redeliver(ConsumerRecord<String, String> record) {
        return consume(List.of(record));
    }

    @Override
    public String name() {
        return "page-states";
    }

    @Override
    public List<String> tables() {
        return List.of("notifier_page_states");
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.PAGES);
    }

    @Override
    public List<String> inboxConsumers() {
        return List.of(CONSUMER);
    }

    /** Replays cancel nothing twice: a delivery already cancelled (or sent) stays as it is. */
    @Override
    public Uni<Void> apply(ConsumerRecord<String, String> record) {
        return consume(List.of(record));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
