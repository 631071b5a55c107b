package dev.tocsin.events.signal;

/** What a monitoring system says about an alert. */
public enum SignalAction {
    TRIGGER,
    RESOLVE
}
