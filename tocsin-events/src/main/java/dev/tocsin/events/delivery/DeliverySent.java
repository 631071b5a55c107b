package dev.tocsin.events.delivery;

import java.time.Instant;

/** A provider accepted a message for a person. */
public record DeliverySent(
        String deliveryId,
        String requestId,
        String pageId,
        String userId,
        Channel channel,
        String address,
        int attempt,
        Instant sentAt) implements DeliveryEvent {
}
