package dev.tocsin.incident.incident;

/**
 * A command the incident does not carry out, and nothing was recorded: the actor does not hold
 * the role it needs ({@link Why#FORBIDDEN}, a 403) or the incident's state does not allow it
 * ({@link Why#CONFLICT}, a 409). The message is in the API's words.
 */
public class IncidentRefused extends RuntimeException {

    public enum Why {
        FORBIDDEN, CONFLICT
    }

    private final Why why;

    IncidentRefused(Why why, String message) {
        super(message);
        this.why = why;
    }

    static IncidentRefused forbidden(String message) {
        return new IncidentRefused(Why.FORBIDDEN, message);
    }

    static IncidentRefused conflict(String message) {
        return new IncidentRefused(Why.CONFLICT, message);
    }

    public Why why() {
        return why;
    }
}
