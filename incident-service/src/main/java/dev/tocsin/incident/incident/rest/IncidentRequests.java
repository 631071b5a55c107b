package dev.tocsin.incident.incident.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The bodies of the incident API. {@code by} names the person who acts when the token is no
 * person's own (a deployment token, or a tool acting for someone); a person's token acts as them.
 */
final class IncidentRequests {

    private IncidentRequests() {
    }

    /**
     * @param severity {@code SEV1} (the worst) to {@code SEV4}
     * @param services the affected services, as the directory names them
     * @param pageIds pages the incident is declared for
     * @param commander who holds command from the start; the person declaring when left out
     */
    record Declare(String title, String severity, List<String> services, List<String> pageIds, String commander,
            String by) {
    }

    /** @param person who holds the role from now on; null leaves it unassigned */
    record AssignRole(String person, String by) {
    }

    /** @param expiresAfter how long the offer stands, {@code PT1M} to {@code PT2H}; 15 minutes when left out */
    record ProposeHandoff(String to, Duration expiresAfter, String by) {
    }

    record Acting(String by) {
    }

    /** The whole state document, as it is to read from now on, and the severity when it changes. */
    record Document(String summary, String commandPost, Instant nextUpdateDue, String detailedStatus,
            String exitCriteria, List<String> todos, String severity, String by) {
    }

    /** @param status {@code active}, {@code mitigated}, {@code resolved} or {@code closed} */
    record ChangeStatus(String status, String by) {
    }

    /**
     * A stakeholder update: what stakeholders are told, and when the next one is due (clearing the
     * document's due time when left out, since this one was the update owed).
     */
    record PostUpdate(String text, Instant nextUpdateDue, String by) {
    }

    /**
     * @param kind {@code note}, {@code hypothesis}, {@code test}, {@code result}, {@code mitigation} or {@code decision}
     * @param result for a result only: {@code positive} or {@code negative}
     */
    record WriteEntry(String kind, String text, String result, String by) {
    }
}
