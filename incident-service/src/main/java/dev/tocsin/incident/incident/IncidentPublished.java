package dev.tocsin.incident.incident;

import dev.tocsin.events.incident.IncidentDeclared;
import dev.tocsin.events.incident.IncidentEvent;
import dev.tocsin.events.incident.IncidentRolesChanged;
import dev.tocsin.events.incident.IncidentStatusChanged;
import dev.tocsin.incident.incident.Incident.Role;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What other services learn on {@code tocsin.incidents} of an incident's change: its declaration,
 * who holds its roles, its status. The troubleshooting record and the document stay here.
 */
final class IncidentPublished {

    private IncidentPublished() {
    }

    /** The integration event of {@code change}, given the incident as it is after it. */
    static Optional<IncidentEvent> of(Incident after, IncidentChange change) {
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
        };
    }

    private static IncidentRolesChanged roles(Incident after, String by, IncidentChange change) {
        Map<String, String> roles = new LinkedHashMap<>();
        after.roles().forEach((role, person) -> roles.put(word(role), person));
        return new IncidentRolesChanged(after.id(), roles, by, change.at());
    }

    static String word(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }
}
