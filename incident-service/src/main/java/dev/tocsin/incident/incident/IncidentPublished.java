package dev.tocsin.incident.incident;

import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.incident.IncidentDeclared;
import dev.tocsin.events.incident.IncidentEvent;
import dev.tocsin.events.incident.IncidentPageJoined;
import dev.tocsin.events.incident.IncidentRolesChanged;
import dev.tocsin.events.incident.IncidentStatusChanged;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.incident.incident.Incident.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What other services learn of an incident's change: on {@code tocsin.incidents} its declaration,
 * the pages that join it later, who holds its roles and its status; on {@code tocsin.notify-requests}
 * a reminder that an update is due, for notifier-service to reach the person (a notice about no
 * page, as a shift handoff's),
 * each stakeholder update, quietly, to each of its recipients, and a rule's declaration, or a page
 * joining it, to the people the pages notified.
 * The troubleshooting record and the document stay here.
 */
final class IncidentPublished {

    private IncidentPublished() {
    }

    /** The integration events of {@code change}, given the incident as it is after it. */
    static List<IntegrationEvent> of(Incident after, IncidentChange change) {
        return switch (change) {
            case IncidentChange.Declared d -> Stream.<IntegrationEvent>concat(Stream.of(new IncidentDeclared(after.id(), d.title(),
                    d.severity().name(), d.services(), d.pageIds(), d.reason(), d.declaredBy(), d.commander(), d.at())),
                    d.told().stream().map(person -> declared(after, d, person))).toList();
            case IncidentChange.RoleAssigned r -> List.of(roles(after, r.by(), change));
            case IncidentChange.HandoffAccepted a -> List.of(roles(after, a.to(), change));
            case IncidentChange.CommandTaken t -> List.of(roles(after, t.person(), change));
            case IncidentChange.PageJoined j -> Stream.<IntegrationEvent>concat(Stream.of(new IncidentPageJoined(
                    after.id(), j.pageId(), j.service(), j.at())), j.told().stream().map(person -> joined(after, j,
                    person))).toList();
            case IncidentChange.StatusChanged s -> List.of(new IncidentStatusChanged(after.id(), s.from().word(),
                    s.to().word(), s.by(), s.at()));
            case IncidentChange.HandoffProposed p -> List.of();
            case IncidentChange.HandoffDeclined d -> List.of();
            case IncidentChange.DocumentEdited e -> List.of();
            case IncidentChange.EntryWritten w -> List.of();
            case IncidentChange.Subscribed s -> List.of();
            case IncidentChange.Unsubscribed u -> List.of();
            case IncidentChange.UpdateReminded r -> List.of(reminder(after, r));
            case IncidentChange.UpdatePosted p -> p.recipients().stream()
                    .<IntegrationEvent>map(person -> update(after, p, person)).toList();
        };
    }

    /**
     * A person one of its pages notified learns that the page is in an incident now, and who
     * commands it: quietly, by email and chat, since the page itself has reached them already.
     */
    private static NotifyRequested declared(Incident incident, IncidentChange.Declared declared, String person) {
        String notice = notice(incident);
        return new NotifyRequested(notice + "/declared/" + person, notice, null, person, 1,
                incident.services().isEmpty() ? null : incident.services().getFirst(),
                "Incident declared: \"" + incident.title() + "\" (" + incident.severity() + "), "
                        + command(declared.commander()), "info", Map.of("incident", incident.id()),
                declared.at(), "a page that notified you is in incident " + incident.id() + ": " + declared.reason(),
                null, true);
    }

    /** A person a joining page notified learns that it is in the incident, and who commands it: quietly. */
    private static NotifyRequested joined(Incident incident, IncidentChange.PageJoined joined, String person) {
        String notice = notice(incident);
        return new NotifyRequested(notice + "/joined/" + joined.pageId() + "/" + person, notice, null, person, 1,
                joined.service(), "Your page for " + joined.service() + " joined incident \"" + incident.title()
                        + "\" (" + incident.severity() + "), " + command(incident.roles().get(Role.COMMANDER)),
                "info", Map.of("incident", incident.id()), joined.at(), "page " + joined.pageId()
                        + ", which notified you, joined incident " + incident.id(), null, true);
    }

    /** A stakeholder update for one recipient: quiet, so it goes by email and chat and wakes nobody. */
    private static NotifyRequested update(Incident incident, IncidentChange.UpdatePosted posted, String person) {
        String notice = notice(incident);
        return new NotifyRequested(notice + "/posted/" + posted.at() + "/" + person, notice, null, person, 1,
                incident.services().isEmpty() ? null : incident.services().getFirst(),
                "Update on incident \"" + incident.title() + "\" (" + incident.status().word() + ", "
                        + incident.severity() + "): " + posted.text(), "info", Map.of("incident", incident.id()),
                posted.at(), "stakeholder update from " + posted.by() + ", the communications lead of incident "
                        + incident.id() + "; you are subscribed to it or to its services", null, true);
    }

    private static NotifyRequested reminder(Incident incident, IncidentChange.UpdateReminded reminded) {
        String role = reminded.person().equals(incident.roles().get(Role.COMMUNICATIONS)) ? "communications lead"
                : "incident commander";
        String notice = notice(incident);
        return new NotifyRequested(notice + "/update/" + reminded.due() + "/" + reminded.person(), notice, null,
                reminded.person(), 1, incident.services().isEmpty() ? null : incident.services().getFirst(),
                "Update due on incident \"" + incident.title() + "\": the next stakeholder update was due at "
                        + reminded.due(), "info", Map.of("incident", incident.id()), reminded.at(),
                "incident update reminder: you are the " + role + " of incident " + incident.id(), null, null);
    }

    private static IncidentRolesChanged roles(Incident after, String by, IncidentChange change) {
        Map<String, String> roles = new LinkedHashMap<>();
        after.roles().forEach((role, person) -> roles.put(role.word(), person));
        return new IncidentRolesChanged(after.id(), roles, by, change.at());
    }

    /** Who holds command, as a notice tells the paged; {@code commander} null while nobody does. */
    private static String command(String commander) {
        return commander == null ? "nobody holds command yet: take it in the incident" : commander + " holds command";
    }

    /** The id notices about an incident go by in place of a page's: {@code incident/<id>}. */
    private static String notice(Incident incident) {
        return "incident/" + incident.id();
    }
}
