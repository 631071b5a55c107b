package dev.tocsin.incident.incident;

import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.incident.IncidentDeclared;
import dev.tocsin.events.incident.IncidentEvent;
import dev.tocsin.events.incident.IncidentRolesChanged;
import dev.tocsin.events.incident.IncidentStatusChanged;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.incident.incident.Incident.Role;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What other services learn of an incident's change: on {@code tocsin.incidents} its declaration,
 * who holds its roles and its status; on {@code tocsin.notify-requests} a reminder that an update
 * is due, for notifier-service to reach the person (a notice about no page, as a shift handoff's).
 * The troubleshooting record and the document stay here.
 */
final class IncidentPublished {

    private IncidentPublished() {
    }

    /** The integration event of {@code change}, given the incident as it is after it. */
    static Optional<IntegrationEvent> of(Incident after, IncidentChange change) {
        return switch (change) {
            case IncidentChange.Declared d -> Optional.of(new IncidentDeclared(after.id(), d.title(),
                    d.severity().name(), d.services(), d.pageIds(), d.reason(), d.declaredBy(), d.commander(), d.at()));
            case IncidentChange.RoleAssigned r -> Optional.of(roles(after, r.by(), change));
            case IncidentChange.HandoffAccepted a -> Optional.of(roles(after, a.to(), change));
            case IncidentChange.CommandTaken t -> Optional.of(roles(after, t.person(), change));
            case IncidentChange.PageJoined j -> Optional.empty();
            case IncidentChange.StatusChanged s -> Optional.of(new IncidentStatusChanged(after.id(), s.from().word(),
                    s.to().word(), s.by(), s.at()));
            case IncidentChange.HandoffProposed p -> Optional.empty();
            case IncidentChange.HandoffDeclined d -> Optional.empty();
            case IncidentChange.DocumentEdited e -> Optional.empty();
            case IncidentChange.EntryWritten w -> Optional.empty();
            case IncidentChange.UpdateReminded r -> Optional.of(reminder(after, r));
        };
    }

    private static NotifyRequested reminder(Incident incident, IncidentChange.UpdateReminded reminded) {
        String role = reminded.person().equals(incident.roles().get(Role.COMMUNICATIONS)) ? "communications lead"
                : "incident commander";
        String notice = "incident/" + incident.id();
        return new NotifyRequested(notice + "/update/" + reminded.due() + "/" + reminded.person(), notice, null,
                reminded.person(), 1, incident.services().isEmpty() ? null : incident.services().getFirst(),
                "Update due on incident \"" + incident.title() + "\": the next stakeholder update was due at "
                        + reminded.due(), "info", Map.of("incident", incident.id()), reminded.at(),
                "incident update reminder: you are the " + role + " of incident " + incident.id());
    }

    private static IncidentRolesChanged roles(Incident after, String by, IncidentChange change) {
        Map<String, String> roles = new LinkedHashMap<>();
        after.roles().forEach((role, person) -> roles.put(role.word(), person));
        return new IncidentRolesChanged(after.id(), roles, by, change.at());
    }
}
