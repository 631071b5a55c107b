package dev.tocsin.events.alert;

/** A link a monitoring system attached to an alert (a runbook, a dashboard); {@code text} may be null. */
public record Link(String href, String text) {
}
