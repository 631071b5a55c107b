package dev.tocsin.incident.incident;

import dev.tocsin.incident.incident.Incident.Role;
import dev.tocsin.incident.incident.Incident.Severity;
import dev.tocsin.incident.incident.Incident.Status;
import java.time.Instant;
import java.util.List;

/**
 * What happened to an incident, as its event store keeps it; {@link Incident#apply} folds them.
 * Every change names its actor ({@code person:alice}), for the timeline and the postmortem.
 */
public sealed interface IncidentChange {

    Instant at();

    /**
     * Declared by a person, or by a rule with {@code declaredBy} naming it ({@code rule:another-team});
     * {@code commander} holds command from the start: the declarer, when a person declares; nobody
     * (null) when a rule does, until someone takes it ({@link CommandTaken}). {@code told} are
     * the people told of it through the notifier (those a rule's pages notified; null before the field).
     */
    record Declared(String title, Severity severity, List<String> services, List<String> pageIds, String reason,
            String declaredBy, String commander, Instant at, List<String> told) implements IncidentChange {

        public Declared {
            told = told == null ? List.of() : List.copyOf(told);
        }

        public Declared(String title, Severity severity, List<String> services, List<String> pageIds, String reason,
                String declaredBy, String commander, Instant at) {
            this(title, severity, services, pageIds, reason, declaredBy, commander, at, List.of());
        }
    }

    /** Nobody held command (a rule declared the incident), and {@code person} took it. */
    record CommandTaken(String person, Instant at) implements IncidentChange {
    }

    /**
     * Another page joined the incident: a page for one of its services while it was open. {@code told}
     * are the people it notified who were told through the notifier (empty before the field).
     */
    record PageJoined(String pageId, String service, Instant at, List<String> told) implements IncidentChange {

        public PageJoined {
            told = told == null ? List.of() : List.copyOf(told);
        }

        public PageJoined(String pageId, String service, Instant at) {
            this(pageId, service, at, List.of());
        }
    }

    /** {@code person} holds {@code role} now; null when the role was left unassigned. */
    record RoleAssigned(Role role, String person, String by, Instant at) implements IncidentChange {
    }

    record HandoffProposed(String from, String to, Instant expiresAt, Instant at) implements IncidentChange {
    }

    /** {@code to} accepted command from {@code from}: from now on {@code to} is the commander. */
    record HandoffAccepted(String from, String to, Instant at) implements IncidentChange {
    }

    record HandoffDeclined(String from, String to, Instant at) implements IncidentChange {
    }

    /** The live state document and the severity as they read after an edit. */
    record DocumentEdited(StateDocument document, Severity severity, String by, Instant at) implements IncidentChange {
    }

    record StatusChanged(Status from, Status to, String by, Instant at) implements IncidentChange {
    }

    /** The next update the document promised was due, and {@code person} was reminded through the notifier. */
    record UpdateReminded(String person, Instant due, Instant at) implements IncidentChange {
    }

    /** {@code person} receives the incident's stakeholder updates from now on; {@code by} subscribed them. */
    record Subscribed(String person, String by, Instant at) implements IncidentChange {
    }

    record Unsubscribed(String person, String by, Instant at) implements IncidentChange {
    }

    /**
     * The communications lead told stakeholders how things stand: {@code recipients} (the incident's
     * subscribers and its services' as they were then) are sent {@code text} through the notifier;
     * the document's next update is due at {@code nextUpdateDue} (null: none promised).
     */
    record UpdatePosted(String text, Instant nextUpdateDue, List<String> recipients, String by, Instant at)
            implements IncidentChange {
    }

    /** An entry a person wrote into the timeline; {@code result} only for results. */
    record EntryWritten(EntryKind kind, String text, Result result, String by, Instant at) implements IncidentChange {
    }

    /** What people write into the troubleshooting record (SRE book ch. 12). */
    enum EntryKind {
        NOTE, HYPOTHESIS, TEST, RESULT, MITIGATION, DECISION
    }

    /** A test's result: negative results are recorded as results too. */
    enum Result {
        POSITIVE, NEGATIVE
    }
}
