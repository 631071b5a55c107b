package dev.tocsin.incident.incident.rest;

import dev.tocsin.eventing.change.RecentChanges.RecentChange;
import dev.tocsin.incident.incident.Incident;
import dev.tocsin.incident.incident.StateDocument;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An incident as the API shows it.
 *
 * @param roles person id by role ({@code commander}, {@code operations}, {@code communications},
 *     {@code planning}); a role nobody holds is absent
 * @param handoff the last handoff of command proposed and what became of it ({@code pending},
 *     {@code accepted}, {@code declined}, {@code expired}); null before the first
 * @param recentChanges the changes reported to its services from two hours before it was declared
 *     until now, newest first: where troubleshooting starts
 * @param subscribers who receives its stakeholder updates, besides its services' subscribers
 */
public record IncidentView(String id, String title, String status, String severity, List<String> services,
        List<String> pageIds, Map<String, String> roles, HandoffView handoff, StateDocument document, String reason,
        String declaredBy, Instant declaredAt, Instant updatedAt, List<RecentChange> recentChanges,
        List<String> subscribers) {

    public record HandoffView(String from, String to, Instant proposedAt, Instant expiresAt, String outcome) {
    }

    static IncidentView of(Incident incident, List<RecentChange> changes, Instant now) {
        Map<String, String> roles = new LinkedHashMap<>();
        incident.roles().forEach((role, person) -> roles.put(role.word(), person));
        Incident.Handoff h = incident.handoff();
        HandoffView handoff = h == null ? null : new HandoffView(h.from(), h.to(), h.proposedAt(), h.expiresAt(),
                h.outcomeAt(now).name().toLowerCase(Locale.ROOT));
        return new IncidentView(incident.id(), incident.title(), incident.status().word(), incident.severity().name(),
                incident.services(), incident.pageIds(), roles, handoff, incident.document(), incident.reason(),
                incident.declaredBy(), incident.declaredAt(), incident.updatedAt(), changes, incident.subscribers());
    }
}
