package dev.tocsin.notifier.delivery;

import dev.tocsin.eventing.Deadlines;
import dev.tocsin.eventing.Inbox;
import dev.tocsin.eventing.deadletter.Redelivery;
import dev.tocsin.events.Topics;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.notifier.channel.Notification;
import dev.tocsin.notifier.contact.ContactMethod;
import dev.tocsin.notifier.delivery.DeliveryCommand.RecordUnreachable;
import dev.tocsin.notifier.delivery.DeliveryCommand.RequestDelivery;
import dev.tocsin.notifier.engine.DeliveryAttempts;
import dev.tocsin.notifier.rules.DeliveryTarget;
import dev.tocsin.notifier.rules.NotificationRules;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Turns each notify request into one Delivery per contact method of the person, each with a
 * durable deadline for its first attempt. Nothing is sent here: the attempt runs in
 * {@link DeliveryAttempts}, so a crash or an SMTP outage after this transaction commits cannot lose
 * it. A person without any contact method gets an abandoned delivery, so the failure is on
 * {@code tocsin.notifications} for everyone to see rather than nowhere.
 */
@ApplicationScoped
public class NotifyRequestConsumer implements Redelivery {

    private static final Logger LOG = Logger.getLogger(NotifyRequestConsumer.class);
    static final String CONSUMER = "notifier.notify-requests";

    private final Inbox inbox;
    private final Deliveries deliveries;
    private final Deadlines deadlines;
    private final Clock clock;

    NotifyRequestConsumer(Inbox inbox, Deliveries deliveries, Deadlines deadlines, Clock clock) {
        this.inbox = inbox;
        this.deliveries = deliveries;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public Uni<Void> redeliver(ConsumerRecord<String, String> record) {
        return apply(List.of(record));
    }

    /** A poll of notify requests, in one transaction. */
    @Incoming(Topics.NOTIFY_REQUESTS)
    public Uni<Void> on(ConsumerRecords<String, String> poll) {
        return apply(poll);
    }

    // The topic carries one event type; a second makes this a sealed family and a switch over it.
    private Uni<Void> apply(Iterable<ConsumerRecord<String, String>> records) {
        return inbox.consume(CONSUMER, NotifyRequested.class, records, this::contactMethods,
                (contacts, fresh) -> handle(fresh.event(), contacts));
    }

    /**
     * The contact methods of the poll's people, read in a Hibernate session of its own beside the
     * poll's transaction: they are configuration, written in transactions of their own
     * ({@code ContactMethodResource}), never together with deliveries, so nothing here needs them
     * read in the poll's transaction. A person whose method changes meanwhile gets the one read.
     * The session holds a second pooled connection for this one statement.
     */
    private Uni<Map<String, List<ContactMethod>>> contactMethods(List<NotifyRequested> requests) {
        return Panache.withSession(() -> ContactMethod.ofUsers(requests.stream().map(NotifyRequested::userId)
                .filter(user -> !blank(user)).toList()));
    }

    private Uni<Void> handle(NotifyRequested request, Map<String, List<ContactMethod>> contacts) {
        if (blank(request.requestId()) || blank(request.pageId()) || blank(request.userId())) {
            // Retrying cannot fix it: the inbox parks it, where an operator sees it.
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "a notify request needs requestId, pageId and userId"));
        }
        Notification notification = Notification.of(request);
        Instant now = clock.instant();
        List<DeliveryTarget> targets = NotificationRules.expand(contacts.getOrDefault(request.userId(), List.of()));
        if (targets.isEmpty()) {
            return unreachable(notification, now);
        }
        return Multi.createFrom().iterable(targets).onItem()
                .transformToUniAndConcatenate(target -> request(notification, target, now))
                .onItem().ignoreAsUni();
    }

    private Uni<Void> request(Notification notification, DeliveryTarget target, Instant now) {
        String id = DeliveryIds.of(notification.requestId(), notification.userId(), target.contactMethodId());
        return deliveries.execute(id, new RequestDelivery(id, notification, target.contactMethodId(), target.channel(),
                        target.address(), now))
                // Empty: this request reached this contact method before; its delivery runs already.
                .chain(decided -> decided.events().isEmpty() ? Uni.createFrom().voidItem()
                        : deadlines.arm(DeliveryAttempts.KIND, id, now.plus(target.delay()), "{}"));
    }

    private Uni<Void> unreachable(Notification notification, Instant now) {
        String reason = "no contact method for " + notification.userId();
        String id = DeliveryIds.unreachable(notification.requestId(), notification.userId());
        return deliveries.execute(id, new RecordUnreachable(id, notification, reason, now))
                .invoke(decided -> {
                    if (!decided.events().isEmpty()) {
                        LOG.warnf("cannot notify %s for page %s: %s", notification.userId(), notification.pageId(),
                                reason);
                    }
                })
                .replaceWithVoid();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
