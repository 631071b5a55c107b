package dev.tocsin.incident.incident;

import dev.tocsin.incident.incident.IncidentChange.EntryKind;
import dev.tocsin.incident.incident.IncidentChange.Result;
import dev.tocsin.incident.incident.Incident.Role;
import dev.tocsin.incident.incident.Incident.Severity;
import dev.tocsin.incident.incident.Incident.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What people ask of an incident. {@code by} is the actor's reference ({@code person:alice}) as
 * the API token says; whether the actor may do it is the incident's decision.
 */
public sealed interface IncidentCommand {

    String by();

    /**
     * @param commander who holds command from the start; a person declaring holds it themself
     * @param tell who is told of the declaration through the notifier: the people a rule's pages notified
     */
    record Declare(String title, Severity severity, List<String> services, List<String> pageIds, String reason,
            String commander, String by, List<String> tell) implements IncidentCommand {

        public Declare {
            tell = tell == null ? List.of() : List.copyOf(tell);
        }

        public Declare(String title, Severity severity, List<String> services, List<String> pageIds, String reason,
                String commander, String by) {
            this(title, severity, services, pageIds, reason, commander, by, List.of());
        }

        public Declare telling(List<String> people) {
            return new Declare(title, severity, services, pageIds, reason, commander, by, people);
        }
    }

    /** Takes command of an incident nobody commands (one a rule declared). */
    record TakeCommand(String by) implements IncidentCommand {
    }

    /**
     * A page for one of the incident's services joins it instead of opening another; {@code by}
     * names the rule, {@code paged} whom the page notified (told of the incident unless they hold a
     * role in it).
     */
    record JoinPage(String pageId, String service, String by, List<String> paged) implements IncidentCommand {

        public JoinPage {
            paged = paged == null ? List.of() : List.copyOf(paged);
        }

        public JoinPage(String pageId, String service, String by) {
            this(pageId, service, by, List.of());
        }
    }

    /**
     * The next update the document named as due at {@code due} is due now: remind the
     * communications lead (the commander when nobody holds that role). Nothing when the incident is
     * no longer open or its document names another due time by now.
     */
    record RemindUpdate(Instant due, String by) implements IncidentCommand {
    }

    /** Only the commander assigns roles; command itself changes hands by handoff only. */
    record AssignRole(Role role, String person, String by) implements IncidentCommand {
    }

    record ProposeHandoff(String to, Duration expiresAfter, String by) implements IncidentCommand {
    }

    record AcceptHandoff(String by) implements IncidentCommand {
    }

    record DeclineHandoff(String by) implements IncidentCommand {
    }

    record EditDocument(StateDocument document, Severity severity, String by) implements IncidentCommand {
    }

    record ChangeStatus(Status to, String by) implements IncidentCommand {
    }

    /** A person subscribes themself; the commander and the communications lead subscribe anyone. */
    record Subscribe(String person, String by) implements IncidentCommand {
    }

    record Unsubscribe(String person, String by) implements IncidentCommand {
    }

    /**
     * A stakeholder update, posted by the communications lead (the commander while nobody holds
     * that role), to the incident's subscribers and {@code serviceSubscribers}, the subscribers of
     * its services as the caller read them.
     */
    record PostUpdate(String text, Instant nextUpdateDue, List<String> serviceSubscribers, String by)
            implements IncidentCommand {
    }

    record WriteEntry(EntryKind kind, String text, Result result, String by) implements IncidentCommand {
    }
}
