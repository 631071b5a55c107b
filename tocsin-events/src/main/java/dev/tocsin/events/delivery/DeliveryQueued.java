package dev.tocsin.events.delivery;

import java.time.Instant;

/**
 * A notification to one contact method is waiting for its first attempt, due at {@code dueAt}:
 * at once, or later by the person's notification rules (an SMS a minute after the push). A page
 * acknowledged before then cancels it, and nothing more is published for it.
 */
public record DeliveryQueued(
        String deliveryId,
        String requestId,
        String pageId,
        String userId,
        Channel channel,
        Instant dueAt,
        Instant queuedAt) implements DeliveryEvent {
}
