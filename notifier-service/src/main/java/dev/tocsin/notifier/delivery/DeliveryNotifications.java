package dev.tocsin.notifier.delivery;

import dev.tocsin.events.delivery.DeliveryDelivered;
import dev.tocsin.events.delivery.DeliveryEvent;
import dev.tocsin.events.delivery.DeliveryFailed;
import dev.tocsin.events.delivery.DeliveryQueued;
import dev.tocsin.events.delivery.DeliverySent;
import dev.tocsin.notifier.channel.Notification;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryAbandoned;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryAttemptFailed;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryCancelled;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryConfirmed;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryHeld;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryRequested;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliverySucceeded;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryUndelivered;
import java.util.Optional;

/**
 * Which domain events other services hear about, as {@code tocsin.notifications} integration
 * events: every attempt's outcome exactly once. A failed attempt with a retry ahead is a
 * {@link DeliveryFailed} with {@code nextAttemptAt}; the last failed attempt is published by the
 * {@link DeliveryAbandoned} that follows it (without {@code nextAttemptAt}), as is a delivery
 * abandoned before any attempt because the person has no contact method. A request with an attempt
 * due is a {@link DeliveryQueued}; the provider's later report is a {@link DeliveryDelivered}, or
 * a final {@link DeliveryFailed} saying it was undelivered.
 *
 * <p>A cancellation has no integration type of its own yet (incident-service's timeline switches
 * over the delivery family, and learns a new member in its own change). It is published only where
 * it withdraws a retry already announced: as a {@link DeliveryFailed} without {@code nextAttemptAt}
 * whose error says it was cancelled and why. A delivery cancelled before its first attempt, or never
 * attempted because its page had closed, made no attempt, so nothing is published for it. An attempt
 * in flight when its delivery was cancelled is published like any attempt, once, without a retry.
 */
final class DeliveryNotifications {

    private DeliveryNotifications() {
    }

    /** @param after the delivery's state once {@code event} is applied */
    static Optional<DeliveryEvent> of(Delivery after, DeliveryDomainEvent event) {
        Notification n = after.notification();
        return switch (event) {
            case DeliverySucceeded e -> Optional.of(new DeliverySent(after.id(), n.requestId(), n.pageId(), n.userId(),
                    after.channel(), after.address(), e.attempt(), e.sentAt()));
            // The in-flight attempt of a cancelled delivery: nothing follows it.
            case DeliveryAttemptFailed e when after.status() == DeliveryStatus.CANCELLED -> Optional.of(
                    new DeliveryFailed(after.id(), n.requestId(), n.pageId(), n.userId(), after.channel(),
                            e.attempt(), e.error(), null, e.failedAt()));
            // The last failed attempt has no next one and is published by the DeliveryAbandoned after it.
            case DeliveryAttemptFailed e when e.nextAttemptAt() == null -> Optional.empty();
            case DeliveryAttemptFailed e -> Optional.of(new DeliveryFailed(after.id(), n.requestId(), n.pageId(),
                    n.userId(), after.channel(), e.attempt(), e.error(), e.nextAttemptAt(), e.failedAt()));
            case DeliveryAbandoned e -> Optional.of(new DeliveryFailed(after.id(), n.requestId(), n.pageId(),
                    n.userId(), after.channel(), e.attempts(), e.reason(), null, e.abandonedAt()));
            case DeliveryCancelled e when e.attempts() > 0 -> Optional.of(new DeliveryFailed(after.id(),
                    n.requestId(), n.pageId(), n.userId(), after.channel(), e.attempts(), "cancelled: " + e.reason(),
                    null, e.cancelledAt()));
            case DeliveryCancelled e -> Optional.empty();
            // Queued only when an attempt is due; a request recorded as unreachable or not sent makes none.
            case DeliveryRequested e when e.dueAt() == null -> Optional.empty();
            case DeliveryRequested e -> Optional.of(new DeliveryQueued(after.id(), n.requestId(), n.pageId(),
                    n.userId(), after.channel(), e.dueAt(), e.requestedAt()));
            // Internal: the bundle's send, or the fallback's, publishes the outcome.
            case DeliveryHeld e -> Optional.empty();
            case DeliveryConfirmed e -> Optional.of(new DeliveryDelivered(after.id(), n.requestId(), n.pageId(),
                    n.userId(), after.channel(), e.deliveredAt()));
            // Undelivered ends the delivery as a failure, with the provider's reason, and nothing follows it.
            case DeliveryUndelivered e -> Optional.of(new DeliveryFailed(after.id(), n.requestId(), n.pageId(),
                    n.userId(), after.channel(), after.attempts(), "undelivered: " + e.reason(), null, e.reportedAt()));
        };
    }
}
