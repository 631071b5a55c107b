package dev.tocsin.incident.incident;

import dev.tocsin.eventing.change.RecentChanges.RecentChange;
import dev.tocsin.incident.incident.IncidentChange.CommandTaken;
import dev.tocsin.incident.incident.IncidentChange.Declared;
import dev.tocsin.incident.incident.IncidentChange.DocumentEdited;
import dev.tocsin.incident.incident.IncidentChange.EntryWritten;
import dev.tocsin.incident.incident.IncidentChange.HandoffAccepted;
import dev.tocsin.incident.incident.IncidentChange.HandoffDeclined;
import dev.tocsin.incident.incident.IncidentChange.HandoffProposed;
import dev.tocsin.incident.incident.IncidentChange.PageJoined;
import dev.tocsin.incident.incident.IncidentChange.RoleAssigned;
import dev.tocsin.incident.incident.IncidentChange.StatusChanged;
import dev.tocsin.incident.timeline.Timelines.Line;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * An incident's own events as timeline lines, in words: who declared it and why, every role change
 * and handoff (an offer nobody took in time included, at its expiry), every edit and status, and
 * what people wrote, results marked positive or negative.
 */
public final class IncidentHistory {

    private IncidentHistory() {
    }

    /** The lines of {@code events} as of {@code now}, merged with {@code others} (its pages'), oldest first. */
    public static List<Line> timeline(Incident incident, List<IncidentChange> events, List<Line> others, Instant now) {
        List<Line> lines = new ArrayList<>(others);
        for (IncidentChange event : events) {
            lines.add(new Line(event.at(), kind(event), text(event), List.of()));
        }
        Incident.Handoff handoff = incident.handoff();
        if (handoff != null && handoff.outcomeAt(now) == Incident.Handoff.Outcome.EXPIRED) {
            lines.add(new Line(handoff.expiresAt(), "incident.handoff", "the offer of command to " + handoff.to()
                    + " expired unanswered; " + handoff.from() + " holds command", List.of()));
        }
        lines.sort(Comparator.comparing(Line::at));
        return lines;
    }

    /** A change reported to one of the incident's services, as a line of its timeline. */
    public static Line line(RecentChange change) {
        return new Line(change.at(), "change", change.summary() + " on " + change.service()
                + (change.source() == null ? "" : " (" + change.source() + ")"), List.of());
    }

    static String kind(IncidentChange event) {
        return switch (event) {
            case Declared d -> "incident.declared";
            case RoleAssigned r -> "incident.role";
            case CommandTaken t -> "incident.role";
            case PageJoined j -> "incident.page";
            case HandoffProposed p -> "incident.handoff";
            case HandoffAccepted a -> "incident.handoff";
            case HandoffDeclined d -> "incident.handoff";
            case DocumentEdited e -> "incident.document";
            case StatusChanged s -> "incident.status";
            case EntryWritten w -> "incident." + w.kind().name().toLowerCase(Locale.ROOT);
            case IncidentChange.UpdateReminded r -> "incident.reminder";
            case IncidentChange.Subscribed s -> "incident.subscription";
            case IncidentChange.Unsubscribed u -> "incident.subscription";
            case IncidentChange.UpdatePosted p -> "incident.update";
        };
    }

    static String text(IncidentChange event) {
        return switch (event) {
            case Declared d -> "declared " + d.severity() + " by " + d.declaredBy() + ": " + d.reason() + "; "
                    + (d.commander() == null ? "nobody holds command yet" : d.commander() + " holds command");
            case RoleAssigned r -> r.person() == null
                    ? r.by() + " left the " + r.role().title() + " unassigned"
                    : r.person() + " is " + r.role().title() + " (assigned by " + r.by() + ")";
            case CommandTaken t -> t.person() + " took command and is incident commander";
            case PageJoined j -> "page " + j.pageId() + " for " + j.service() + " joined the incident";
            case HandoffProposed p -> p.from() + " offered command to " + p.to() + ", until " + p.expiresAt();
            case HandoffAccepted a -> a.to() + " accepted command from " + a.from() + " and is incident commander";
            case HandoffDeclined d -> d.to() + " declined command; " + d.from() + " holds it";
            case DocumentEdited e -> e.by() + " edited the state document (severity " + e.severity() + ")";
            case StatusChanged s -> s.by() + " set the status from " + s.from().word() + " to " + s.to().word();
            case IncidentChange.UpdateReminded r -> "reminded " + r.person() + " that the next update was due at "
                    + r.due();
            case EntryWritten w -> w.by() + ": " + (w.result() == null ? ""
                    : "(" + w.result().name().toLowerCase(Locale.ROOT) + ") ") + w.text();
            case IncidentChange.Subscribed s -> s.person() + " subscribed to the stakeholder updates"
                    + (s.by().equals(s.person()) ? "" : " (by " + s.by() + ")");
            case IncidentChange.Unsubscribed u -> u.person() + " unsubscribed from the stakeholder updates"
                    + (u.by().equals(u.person()) ? "" : " (by " + u.by() + ")");
            case IncidentChange.UpdatePosted p -> p.by() + " posted a stakeholder update to " + p.recipients().size()
                    + (p.recipients().size() == 1 ? " subscriber: " : " subscribers: ") + p.text();
        };
    }
}
