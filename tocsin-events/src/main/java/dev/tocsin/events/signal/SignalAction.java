package dev.tocsin.events.signal;

/** What a monitoring system says about an alert. */
public enum SignalAction {
    TRIGGER,
    RESOLVE,
    /** Someone acknowledged it at the source (PagerDuty Events API {@code acknowledge}): stop escalating. */
    ACKNOWLEDGE
}
