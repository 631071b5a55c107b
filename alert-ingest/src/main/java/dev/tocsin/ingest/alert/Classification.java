package dev.tocsin.ingest.alert;

import dev.tocsin.events.alert.Urgency;

/**
 * The urgency decided for a new alert, and why, in words a responder can read.
 *
 * @param userFacingSlo the SLO the alert is tied to when its service is user-facing: users feel it
 *     burn, so a page on it declares an incident (incident-service's users-affected rule); else null
 */
public record Classification(Urgency urgency, String reason, String userFacingSlo) {

    public Classification(Urgency urgency, String reason) {
        this(urgency, reason, null);
    }

    /** This classification for an alert tied to {@code userFacingSlo} (null when none). */
    public Classification on(String userFacingSlo) {
        return new Classification(urgency, reason, userFacingSlo);
    }
}
