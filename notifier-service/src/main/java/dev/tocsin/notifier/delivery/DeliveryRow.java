package dev.tocsin.notifier.delivery;

import dev.tocsin.eventing.Sql;
import dev.tocsin.events.delivery.Channel;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;

/**
 * One row of the {@code deliveries} projection: where a delivery stands, for people and tools.
 *
 * @param channel null (as is {@code address}) when the person had no contact method
 * @param nextAttemptAt set only while the delivery is open
 * @param cancelReason why it was cancelled or never attempted (its page acknowledged or resolved)
 */
public record DeliveryRow(String id, String requestId, String pageId, String alertId, String userId, Channel channel,
        String address, DeliveryStatus status, int attempts, String lastError, Instant nextAttemptAt,
        Instant updatedAt, String cancelReason) {

    /** The row a delivery's state projects to, live and in a rebuild alike. */
    static DeliveryRow of(Delivery delivery) {
        return new DeliveryRow(delivery.id(), delivery.notification().requestId(), delivery.notification().pageId(),
                delivery.notification().alertId(), delivery.notification().userId(), delivery.channel(),
                delivery.address(), delivery.status(), delivery.attempts(), delivery.lastError(),
                delivery.status().open() ? delivery.nextAttemptAt() : null, delivery.updatedAt(),
                delivery.cancelReason());
    }

    /** A row as {@link DeliveryProjection}'s reads select it (its columns in table order). */
    static DeliveryRow read(Row row) {
        String channel = row.getString(5);
        return new DeliveryRow(row.getString(0), row.getString(1), row.getString(2), row.getString(3),
                row.getString(4), channel == null ? null : Channel.valueOf(channel), row.getString(6),
                DeliveryStatus.valueOf(row.getString(7)), row.getInteger(8), row.getString(9), Sql.instant(row, 10),
                Sql.instant(row, 11), row.getString(12));
    }
}
