package dev.tocsin.notifier.delivery;

import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.channel.Notification;
import java.time.Instant;

/**
 * What the event store keeps about a Delivery: one notification to one contact method of one
 * person. These differ from the integration events on {@code tocsin.notifications}: the request
 * itself is internal, a final failed attempt is published once, by {@link DeliveryAbandoned}, and
 * the stored events carry the whole notification so an attempt can be made from them alone. A
 * {@link DeliveryCancelled} is published only when it withdraws a retry already announced.
 */
public sealed interface DeliveryDomainEvent {

    String deliveryId();

    /**
     * A notify request reached this contact method. {@code channel} and {@code address} are null
     * when the person had no contact method at all, and the delivery is abandoned at once.
     * {@code dueAt} is when the first attempt is due; null when none will be made (no contact
     * method, the page closed already), and in events stored before it was recorded.
     */
    record DeliveryRequested(String deliveryId, Notification notification, String contactMethodId, Channel channel,
            String address, Instant requestedAt, Instant dueAt) implements DeliveryDomainEvent {
    }

    /**
     * One attempt failed. {@code nextAttemptAt} is when the next one is due, null when none follows
     * (then a {@link DeliveryAbandoned} comes with it).
     */
    record DeliveryAttemptFailed(String deliveryId, int attempt, String error, boolean recoverable,
            Instant nextAttemptAt, Instant failedAt) implements DeliveryDomainEvent {
    }

    /**
     * A storm is on for this contact method: the first attempt waits until {@code until} to go out
     * in one message with the other pages held for it, or alone at {@code fallbackAt} if that
     * message never comes (a crash, a race with another bundle).
     */
    record DeliveryHeld(String deliveryId, Instant until, Instant fallbackAt, Instant heldAt)
            implements DeliveryDomainEvent {
    }

    /** The provider accepted the message on this attempt. */
    record DeliverySucceeded(String deliveryId, int attempt, Instant sentAt) implements DeliveryDomainEvent {
    }

    /** The provider reports that the message it took reached the person. */
    record DeliveryConfirmed(String deliveryId, Instant deliveredAt) implements DeliveryDomainEvent {
    }

    /** The provider reports that the message it took never reached the person, and why. */
    record DeliveryUndelivered(String deliveryId, String reason, Instant reportedAt) implements DeliveryDomainEvent {
    }

    /** Tocsin gave up on this delivery; {@code attempts} is how many were made (0: nowhere to send). */
    record DeliveryAbandoned(String deliveryId, int attempts, String reason, Instant abandonedAt)
            implements DeliveryDomainEvent {
    }

    /**
     * The delivery stopped because its page was acknowledged or resolved: no further attempt is
     * made. {@code attempts} is how many were made (0: the request came after the page closed, or
     * before the first attempt). An attempt that was in flight still records its outcome after it.
     */
    record DeliveryCancelled(String deliveryId, int attempts, String reason, Instant cancelledAt)
            implements DeliveryDomainEvent {
    }
}
