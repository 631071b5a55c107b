package dev.tocsin.events.incident;

import dev.tocsin.events.IntegrationEvent;

/** What other services learn of incidents, published on {@code tocsin.incidents}, keyed by incident id. */
public sealed interface IncidentEvent extends IntegrationEvent
        permits IncidentDeclared, IncidentPageJoined, IncidentRolesChanged, IncidentStatusChanged {

    String incidentId();

    @Override
    default String aggregateId() {
        return incidentId();
    }
}
