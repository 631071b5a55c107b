package dev.tocsin.notifier.delivery;

import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.channel.Notification;
import dev.tocsin.notifier.delivery.DeliveryCommand.Cancel;
import dev.tocsin.notifier.delivery.DeliveryCommand.Hold;
import dev.tocsin.notifier.delivery.DeliveryCommand.RecordFailure;
import dev.tocsin.notifier.delivery.DeliveryCommand.RecordNotSent;
import dev.tocsin.notifier.delivery.DeliveryCommand.RecordReport;
import dev.tocsin.notifier.delivery.DeliveryCommand.RecordSent;
import dev.tocsin.notifier.delivery.DeliveryCommand.RecordUnreachable;
import dev.tocsin.notifier.delivery.DeliveryCommand.RequestDelivery;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryAbandoned;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryAttemptFailed;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryCancelled;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryConfirmed;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryHeld;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryRequested;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliverySucceeded;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryUndelivered;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Delivery aggregate: one notification to one contact method, from request through attempts
 * to sent, abandoned or cancelled. {@link #decide} and {@link #apply} are pure; loading, sending and storing
 * happen outside.
 *
 * @param attempts attempts made so far
 * @param nextAttemptAt when the next attempt is due while the delivery is open
 * @param cancelReason why it was cancelled (the page acknowledged or resolved), null unless it was
 */
public record Delivery(String id, DeliveryStatus status, Notification notification, String contactMethodId,
        Channel channel, String address, int attempts, String lastError, Instant nextAttemptAt, Instant updatedAt,
        String cancelReason) {

    public static Delivery empty(String id) {
        return new Delivery(id, DeliveryStatus.NEW, null, null, null, null, 0, null, null, null, null);
    }

    public static Delivery replay(String id, List<? extends DeliveryDomainEvent> events) {
        Delivery state = empty(id);
        for (DeliveryDomainEvent event : events) {
            state = state.apply(event);
        }
        return state;
    }

    /** What happens on {@code command}; empty when it changes nothing (a repeated request, a late result). */
    public List<DeliveryDomainEvent> decide(DeliveryCommand command, RetryPolicy policy) {
        return switch (command) {
            case RequestDelivery c -> status != DeliveryStatus.NEW ? List.of()
                    : List.of(new DeliveryRequested(c.deliveryId(), c.notification(), c.contactMethodId(), c.channel(),
                            c.address(), c.at(), c.dueAt()));
            case RecordUnreachable c -> status != DeliveryStatus.NEW ? List.of()
                    : List.of(new DeliveryRequested(c.deliveryId(), c.notification(), null, null, null, c.at(), null),
                            new DeliveryAbandoned(c.deliveryId(), 0, c.reason(), c.at()));
            case RecordNotSent c -> status != DeliveryStatus.NEW ? List.of()
                    : List.of(new DeliveryRequested(c.deliveryId(), c.notification(), c.contactMethodId(), c.channel(),
                            c.address(), c.at(), null), new DeliveryCancelled(c.deliveryId(), 0, c.reason(), c.at()));
            case Cancel c -> c.requestedUpTo() != null && notification.requestedAt() != null
                    && notification.requestedAt().isAfter(c.requestedUpTo()) ? List.of()
                    : whenOpen(() -> List.of(new DeliveryCancelled(id, attempts, c.reason(), c.at())));
            // Only once: a held delivery that comes round alone at its fallback is sent, not held again.
            case Hold c -> status != DeliveryStatus.PENDING ? List.of()
                    : List.of(new DeliveryHeld(id, c.until(), c.fallbackAt(), c.at()));
            case RecordSent c -> status == DeliveryStatus.CANCELLED
                    ? List.of(new DeliverySucceeded(id, attempts + 1, c.at()))
                    : whenOpen(() -> List.of(new DeliverySucceeded(id, attempts + 1, c.at())));
            // Only a message the provider took can be reported on, once; a later or repeated report changes nothing.
            case RecordReport c -> status != DeliveryStatus.SENT ? List.of()
                    : c.delivered() ? List.of(new DeliveryConfirmed(id, c.at()))
                    : List.of(new DeliveryUndelivered(id, c.detail(), c.at()));
            case RecordFailure c -> status == DeliveryStatus.CANCELLED ? List.of(new DeliveryAttemptFailed(id,
                    attempts + 1, c.error(), c.recoverable(), null, c.at()))
                    : whenOpen(() -> fail(c, policy));
        };
    }

    private List<DeliveryDomainEvent> fail(RecordFailure failure, RetryPolicy policy) {
        int attempt = attempts + 1;
        Optional<Instant> next = policy.nextAttempt(attempt, failure.recoverable(), failure.at());
        DeliveryAttemptFailed failed = new DeliveryAttemptFailed(id, attempt, failure.error(), failure.recoverable(),
                next.orElse(null), failure.at());
        if (next.isPresent()) {
            return List.of(failed);
        }
        String reason = failure.recoverable()
                ? "gave up after " + attempt + " attempts: " + failure.error()
                : "permanent failure: " + failure.error();
        return List.of(failed, new DeliveryAbandoned(id, attempt, reason, failure.at()));
    }

    private List<DeliveryDomainEvent> whenOpen(Supplier<List<DeliveryDomainEvent>> events) {
        if (status == DeliveryStatus.NEW) {
            throw new IllegalStateException("delivery " + id + " was never requested");
        }
        // An attempt whose result arrives after the delivery closed (sent or abandoned) changes nothing,
        // and a cancel after that does not either. Only a cancelled delivery takes a result: the attempt
        // was in flight when the page closed, and what it did to the person is recorded, never retried.
        return status.open() ? events.get() : List.of();
    }

    public Delivery apply(DeliveryDomainEvent event) {
        return switch (event) {
            case DeliveryRequested e -> new Delivery(e.deliveryId(), DeliveryStatus.PENDING, e.notification(),
                    e.contactMethodId(), e.channel(), e.address(), 0, null, e.requestedAt(), e.requestedAt(), null);
            // A cancelled delivery stays cancelled when its in-flight attempt failed: no retry follows.
            case DeliveryAttemptFailed e -> new Delivery(id,
                    status == DeliveryStatus.CANCELLED ? DeliveryStatus.CANCELLED : DeliveryStatus.FAILED,
                    notification, contactMethodId, channel, address, e.attempt(), e.error(), e.nextAttemptAt(),
                    e.failedAt(), cancelReason);
            case DeliveryHeld e -> new Delivery(id, DeliveryStatus.HELD, notification, contactMethodId, channel,
                    address, attempts, lastError, e.fallbackAt(), e.heldAt(), cancelReason);
            case DeliverySucceeded e -> new Delivery(id, DeliveryStatus.SENT, notification, contactMethodId, channel,
                    address, e.attempt(), lastError, null, e.sentAt(), cancelReason);
            case DeliveryAbandoned e -> new Delivery(id, DeliveryStatus.ABANDONED, notification, contactMethodId,
                    channel, address, e.attempts(), e.reason(), null, e.abandonedAt(), cancelReason);
            case DeliveryConfirmed e -> new Delivery(id, DeliveryStatus.DELIVERED, notification, contactMethodId,
                    channel, address, attempts, lastError, null, e.deliveredAt(), cancelReason);
            case DeliveryUndelivered e -> new Delivery(id, DeliveryStatus.UNDELIVERED, notification, contactMethodId,
                    channel, address, attempts, e.reason(), null, e.reportedAt(), cancelReason);
            case DeliveryCancelled e -> new Delivery(id, DeliveryStatus.CANCELLED, notification, contactMethodId,
                    channel, address, e.attempts(), lastError, null, e.cancelledAt(), e.reason());
        };
    }
}
