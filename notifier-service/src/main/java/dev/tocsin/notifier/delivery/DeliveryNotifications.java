package dev.tocsin.notifier.delivery;

import dev.tocsin.events.delivery.DeliveryEvent;
import dev.tocsin.events.delivery.DeliveryFailed;
import dev.tocsin.events.delivery.DeliverySent;
import dev.tocsin.notifier.channel.Notification;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryAbandoned;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryAttemptFailed;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryRequested;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliverySucceeded;
import java.util.Optional;

/**
 * Which domain events other services hear about, as {@code tocsin.notifications} integration
 * events: every attempt's outcome exactly once. A failed attempt with a retry ahead is a
 * {@link DeliveryFailed} with {@code nextAttemptAt}; the last failed attempt is published by the
 * {@link DeliveryAbandoned} that follows it (without {@code nextAttemptAt}), as is a delivery
 * abandoned before any attempt because the person has no contact method. A request is internal.
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
            // The last failed attempt has no next one and is published by the DeliveryAbandoned after it.
            case DeliveryAttemptFailed e when e.nextAttemptAt() == null -> Optional.empty();
            case DeliveryAttemptFailed e -> Optional.of(new DeliveryFailed(after.id(), n.requestId(), n.pageId(),
                    n.userId(), after.channel(), e.attempt(), e.error(), e.nextAttemptAt(), e.failedAt()));
            case DeliveryAbandoned e -> Optional.of(new DeliveryFailed(after.id(), n.requestId(), n.pageId(),
                    n.userId(), after.channel(), e.attempts(), e.reason(), null, e.abandonedAt()));
            case DeliveryRequested e -> Optional.empty();
        };
    }
}
