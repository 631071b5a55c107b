package dev.tocsin.events.incident;

import java.time.Instant;
import java.util.List;

/**
 * An incident was declared, by a person or by one of incident-service's declaration rules.
 *
 * @param severity {@code SEV1} (the worst) to {@code SEV4}
 * @param services the services it affects, as far as known
 * @param pageIds the pages it was declared for; empty when declared for none
 * @param reason why it was declared, in words (the rule that held, or the person who declared)
 * @param declaredBy the person who declared it, or the rule ({@code rule:…})
 * @param commander the person who holds command from the start
 */
public record IncidentDeclared(
        String incidentId,
        String title,
        String severity,
        List<String> services,
        List<String> pageIds,
        String reason,
        String declaredBy,
        String commander,
        Instant declaredAt) implements IncidentEvent {
}
