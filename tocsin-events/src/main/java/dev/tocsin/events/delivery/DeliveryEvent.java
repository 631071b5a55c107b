package dev.tocsin.events.delivery;

import dev.tocsin.events.IntegrationEvent;

/** Events of the Delivery aggregate published on {@code tocsin.notifications}, keyed by delivery id. */
public sealed interface DeliveryEvent extends IntegrationEvent permits DeliveryQueued, DeliverySent, DeliveryDelivered,
        DeliveryFailed {

    String deliveryId();

    @Override
    default String aggregateId() {
        return deliveryId();
    }
}
