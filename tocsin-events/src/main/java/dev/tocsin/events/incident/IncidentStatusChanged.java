package dev.tocsin.events.incident;

import java.time.Instant;

/**
 * The incident's status changed: {@code active}, {@code mitigated}, {@code resolved}, {@code closed}.
 *
 * @param by the commander who changed it
 */
public record IncidentStatusChanged(
        String incidentId,
        String from,
        String to,
        String by,
        Instant at) implements IncidentEvent {
}
