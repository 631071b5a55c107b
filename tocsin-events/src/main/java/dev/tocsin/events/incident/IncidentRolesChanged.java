package dev.tocsin.events.incident;

import java.time.Instant;
import java.util.Map;

/**
 * Who holds the incident's roles now, after a role was assigned or command was handed over.
 *
 * @param roles person id by role: {@code commander}, {@code operations}, {@code communications},
 *     {@code planning}; a role nobody holds is absent
 * @param by the person who made the change: the commander who assigned, or the one who accepted command
 */
public record IncidentRolesChanged(
        String incidentId,
        Map<String, String> roles,
        String by,
        Instant at) implements IncidentEvent {
}
