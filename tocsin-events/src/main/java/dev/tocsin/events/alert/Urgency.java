package dev.tocsin.events.alert;

/** How soon a human must look: now, during business hours, or never. */
public enum Urgency {
    PAGE,
    TICKET,
    LOG
}
