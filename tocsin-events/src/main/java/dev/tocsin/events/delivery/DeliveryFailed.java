package dev.tocsin.events.delivery;

import java.time.Instant;

/**
 * One delivery attempt failed. {@code nextAttemptAt} is null when no retry follows (the failure
 * is permanent or retries ran out).
 */
public record DeliveryFailed(
        String deliveryId,
        String requestId,
        String pageId,
        String userId,
        Channel channel,
        int attempt,
        String error,
        Instant nextAttemptAt,
        Instant failedAt) implements DeliveryEvent {
}
