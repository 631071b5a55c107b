package dev.tocsin.events.incident;

import java.time.Instant;

/**
 * A page joined an open incident after its declaration: a related page a rule or a person added.
 * The pages it was declared for are on {@link IncidentDeclared#pageIds()}.
 */
public record IncidentPageJoined(
        String incidentId,
        String pageId,
        String service,
        Instant at) implements IncidentEvent {
}
