package dev.tocsin.ingest.alert;

import dev.tocsin.events.alert.Urgency;

/** The urgency decided for a new alert, and why, in words a responder can read. */
public record Classification(Urgency urgency, String reason) {
}
