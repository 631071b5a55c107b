package dev.tocsin.notifier.delivery;

import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.channel.Notification;
import java.time.Instant;

/** What may be asked of a Delivery. */
public sealed interface DeliveryCommand {

    /** Deliver a notification to one contact method, its first attempt due at {@code dueAt}. */
    record RequestDelivery(String deliveryId, Notification notification, String contactMethodId, Channel channel,
            String address, Instant dueAt, Instant at) implements DeliveryCommand {
    }

    /** Record that a notification cannot be delivered at all: the person has no contact method. */
    record RecordUnreachable(String deliveryId, Notification notification, String reason, Instant at)
            implements DeliveryCommand {
    }

    /**
     * Record a notification that is not sent because its page no longer needs anyone: the page
     * was acknowledged or resolved before the request reached notifier-service.
     */
    record RecordNotSent(String deliveryId, Notification notification, String contactMethodId, Channel channel,
            String address, String reason, Instant at) implements DeliveryCommand {
    }

    /**
     * Stop a delivery that is pending or waiting for a retry, because its page was acknowledged,
     * snoozed or resolved. An attempt already in flight still has its outcome recorded.
     *
     * @param requestedUpTo only a delivery requested at or before this instant is cancelled (the
     *     page's closing: a later request comes from a reopening); null cancels whatever was requested
     */
    record Cancel(String reason, Instant at, Instant requestedUpTo) implements DeliveryCommand {

        /** Cancels whenever the delivery was requested: the page resolved. */
        public Cancel(String reason, Instant at) {
            this(reason, at, null);
        }
    }

    /**
     * Hold a delivery not yet attempted for a storm's bundle, due at {@code until}; alone at
     * {@code fallbackAt} if the bundle never takes it.
     */
    record Hold(Instant until, Instant fallbackAt, Instant at) implements DeliveryCommand {
    }

    /** Record that the provider accepted the message. */
    record RecordSent(Instant at) implements DeliveryCommand {
    }

    /**
     * Record what the provider reported later about a message it took: it reached the person, or
     * it did not ({@code detail} says why).
     */
    record RecordReport(boolean delivered, String detail, Instant at) implements DeliveryCommand {
    }

    /** Record that the provider did not take it, and whether trying again may help. */
    record RecordFailure(String error, boolean recoverable, Instant at) implements DeliveryCommand {
    }
}
