package dev.tocsin.notifier.delivery.rest;

import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.delivery.DeliveryRow;
import dev.tocsin.notifier.delivery.DeliveryStatus;
import java.time.Instant;

/**
 * A delivery as the API shows it.
 *
 * @param channel null (as is {@code address}) when the person had no contact method
 * @param nextAttemptAt when the next attempt is due while the status is PENDING or FAILED
 */
public record DeliveryView(String id, String requestId, String pageId, String alertId, String userId, Channel channel,
        String address, DeliveryStatus status, int attempts, String lastError, Instant nextAttemptAt,
        Instant updatedAt) {

    static DeliveryView of(DeliveryRow row) {
        return new DeliveryView(row.id, row.requestId, row.pageId, row.alertId, row.userId, row.channel, row.address,
                row.status, row.attempts, row.lastError, row.nextAttemptAt, row.updatedAt);
    }
}
