package dev.tocsin.notifier.delivery;

import dev.tocsin.eventing.Deadlines;
import dev.tocsin.eventing.Inbox;
import dev.tocsin.eventing.deadletter.Redelivery;
import dev.tocsin.events.Topics;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.notifier.channel.Notification;
import dev.tocsin.notifier.contact.ContactMethod;
import dev.tocsin.notifier.delivery.DeliveryCommand.RecordNotSent;
import dev.tocsin.notifier.delivery.DeliveryCommand.RecordUnreachable;
import dev.tocsin.notifier.delivery.DeliveryCommand.RequestDelivery;
import dev.tocsin.notifier.engine.DeliveryAttempts;
import dev.tocsin.notifier.page.PageState;
import dev.tocsin.notifier.page.PageStates;
import dev.tocsin.notifier.rules.DeliveryTarget;
import dev.tocsin.notifier.rules.NotificationRule;
import dev.tocsin.notifier.rules.NotificationRuleSet;
import dev.tocsin.notifier.rules.NotificationRules;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Turns each notify request into one Delivery per step of the person's notification rules (one
 * contact method, a delay), each with a durable deadline for its first attempt. Nothing is sent here: the attempt runs in
 * {@link DeliveryAttempts}, so a crash or an SMTP outage after this transaction commits cannot lose
 * it. A person without any contact method gets an abandoned delivery, so the failure is on
 * {@code tocsin.notifications} for everyone to see rather than nowhere. A request for a page
 * already acknowledged or resolved (its event on {@code tocsin.pages} came first) is recorded as
 * not sent, with the reason, and no attempt is scheduled; the page's lock ({@link PageStates})
 * makes a request and its page's acknowledgement, consumed side by side, see each other.
 */
@ApplicationScoped
public class NotifyRequestConsumer implements Redelivery {

    private static final Logger LOG = Logger.getLogger(NotifyRequestConsumer.class);
    static final String CONSUMER = "notifier.notify-requests";

    private final Inbox inbox;
    private final Deliveries deliveries;
    private final Deadlines deadlines;
    private final PageStates pages;
    private final Clock clock;

    NotifyRequestConsumer(Inbox inbox, Deliveries deliveries, Deadlines deadlines, PageStates pages, Clock clock) {
        this.inbox = inbox;
        this.deliveries = deliveries;
        this.deadlines = deadlines;
        this.pages = pages;
        this.clock = clock;
    }

    /** What a poll's requests need, read once for all of them. */
    private record Read(Map<String, PageState> pages, Contacts contacts) {
    }

    /** The poll's people's contact methods and the notification rules of those who set any. */
    private record Contacts(Map<String, List<ContactMethod>> methods, Map<String, List<NotificationRule>> rules) {

        /**
         * Only verified methods are paged: a method the person added and has not confirmed reaches
         * nobody yet. A quiet request goes by email and chat only, whatever the person's rules.
         */
        List<DeliveryTarget> targets(String userId, boolean quiet) {
            List<ContactMethod> verified = methods.getOrDefault(userId, List.of()).stream().filter(m -> m.verified)
                    .toList();
            return quiet ? NotificationRules.quiet(verified)
                    : NotificationRules.expand(verified, Optional.ofNullable(rules.get(userId)));
        }
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
        return inbox.consumeBatch(CONSUMER, NotifyRequested.class, records, fresh -> {
            List<NotifyRequested> requests = fresh.stream().map(Inbox.Fresh::event).toList();
            return read(requests).chain(read -> handleAll(requests, read));
        });
    }

    /**
     * The contact methods first, then the poll's pages, locked in the poll's transaction so their
     * states stay as read until it commits: the locks are held no longer than the poll's own work,
     * and never while waiting for the contact methods' second connection.
     */
    private Uni<Read> read(List<NotifyRequested> requests) {
        return contactMethods(requests).chain(contacts -> pages.lockAndRead(requests.stream()
                        .map(NotifyRequested::pageId).filter(id -> !blank(id)).toList())
                .map(states -> new Read(states, contacts)));
    }

    /**
     * The contact methods and notification rules of the poll's people, read in a Hibernate session
     * of its own beside the poll's transaction: they are configuration, written in transactions of
     * their own ({@code ContactMethodResource}, {@code NotificationRuleResource}), never together
     * with deliveries, so nothing here needs them read in the poll's transaction. A person whose
     * methods change meanwhile gets the one read. The session holds a second pooled connection for
     * these two statements.
     */
    private Uni<Contacts> contactMethods(List<NotifyRequested> requests) {
        List<String> users = requests.stream().map(NotifyRequested::userId).filter(user -> !blank(user)).toList();
        return Panache.withSession(() -> ContactMethod.ofUsers(users)
                .chain(methods -> NotificationRuleSet.ofUsers(users).map(rules -> new Contacts(methods, rules))));
    }

    /**
     * Every request of the poll at once: each expands to its deliveries (or to one recorded as
     * unreachable or not sent), all of them decided and written in a few statements for the poll
     * (Deliveries.executeAll), and every first attempt armed in one.
     */
    private Uni<Void> handleAll(List<NotifyRequested> requests, Read read) {
        Instant now = clock.instant();
        List<Deliveries.Command> commands = new ArrayList<>();
        for (NotifyRequested request : requests) {
            if (blank(request.requestId()) || blank(request.pageId()) || blank(request.userId())) {
                // Retrying cannot fix it: the inbox narrows the poll down to it and parks it, where an
                // operator sees it, and applies the rest.
                return Uni.createFrom().failure(new IllegalArgumentException(
                        "a notify request needs requestId, pageId and userId"));
            }
            expand(Notification.of(request), Boolean.TRUE.equals(request.quiet()), read, now, commands);
        }
        return deliveries.executeAll(commands).chain(decided -> {
            List<Deadlines.Arm> arms = new ArrayList<>();
            for (int i = 0; i < decided.size(); i++) {
                Deliveries.Decided one = decided.get(i);
                Delivery after = one.state();
                if (one.events().isEmpty()) {
                    // This request reached this contact method before; its delivery runs already.
                    continue;
                }
                switch (after.status()) {
                    case PENDING -> {
                        // Requested: the first attempt is due when the person's rule says.
                        if (commands.get(i).command() instanceof RequestDelivery requested) {
                            arms.add(new Deadlines.Arm(DeliveryAttempts.KIND, after.id(), requested.dueAt(), "{}"));
                        }
                    }
                    case CANCELLED -> LOG.infof("delivery %s to %s not sent: %s", after.id(),
                            after.notification().userId(), after.cancelReason());
                    case ABANDONED -> LOG.warnf("cannot notify %s for page %s: %s", after.notification().userId(),
                            after.notification().pageId(), after.lastError());
                    default -> {
                    }
                }
            }
            return deadlines.arm(arms);
        });
    }

    /** The commands of one request: one delivery per target, recorded as not sent while its page is closed. */
    private static void expand(Notification notification, boolean quiet, Read read, Instant now,
            List<Deliveries.Command> commands) {
        List<DeliveryTarget> targets = read.contacts().targets(notification.userId(), quiet);
        if (targets.isEmpty()) {
            // Reported whatever the page's state: a person nobody can reach is a problem before the next page.
            String id = DeliveryIds.unreachable(notification.requestId(), notification.userId());
            commands.add(new Deliveries.Command(id, new RecordUnreachable(id, notification, "no verified "
                    + (quiet ? "email or chat " : "") + "contact method for " + notification.userId(), now)));
            return;
        }
        Optional<String> closed = Optional.ofNullable(read.pages().get(notification.pageId()))
                .flatMap(page -> page.closedReasonFor(notification.requestedAt()));
        // A rule's delay counts from the request, not from when this consumer got to it; a request
        // stamped later than now (clocks apart) counts from now.
        Instant requested = notification.requestedAt();
        Instant from = requested == null || requested.isAfter(now) ? now : requested;
        for (DeliveryTarget target : targets) {
            String id = DeliveryIds.of(notification.requestId(), notification.userId(), target.contactMethodId(),
                    target.delay());
            if (closed.isPresent()) {
                commands.add(new Deliveries.Command(id, new RecordNotSent(id, notification, target.contactMethodId(),
                        target.channel(), target.address(), closed.get(), now)));
            } else {
                commands.add(new Deliveries.Command(id, new RequestDelivery(id, notification, target.contactMethodId(),
                        target.channel(), target.address(), from.plus(target.delay()), now)));
            }
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
