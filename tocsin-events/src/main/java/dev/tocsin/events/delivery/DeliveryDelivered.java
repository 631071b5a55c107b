package dev.tocsin.events.delivery;

import java.time.Instant;

/**
 * The provider reports that a message it took reached the person's device (an SMS delivered, a
 * call answered): more than {@link DeliverySent}, which only says the provider took it.
 */
public record DeliveryDelivered(
        String deliveryId,
        String requestId,
        String pageId,
        String userId,
        Channel channel,
        Instant deliveredAt) implements DeliveryEvent {
}
