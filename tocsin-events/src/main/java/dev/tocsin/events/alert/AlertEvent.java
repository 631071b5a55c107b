package dev.tocsin.events.alert;

import dev.tocsin.events.IntegrationEvent;

/** Events of the Alert aggregate published on {@code tocsin.alerts}, keyed by alert id. */
public sealed interface AlertEvent extends IntegrationEvent permits AlertTriggered, AlertResolved, AlertGroupUpdated {

    String alertId();

    @Override
    default String aggregateId() {
        return alertId();
    }
}
