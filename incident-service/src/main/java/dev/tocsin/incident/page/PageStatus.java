package dev.tocsin.incident.page;

/** Where a page stands, as far as its events on {@code tocsin.pages} tell. */
public enum PageStatus {
    /** Escalation runs: someone is being notified. */
    OPEN,
    /** Someone took it: escalation stopped, it stays theirs until its alert resolves. */
    ACKNOWLEDGED,
    /** Someone snoozed it: escalation waits until a time, then notifies the current step again. */
    SNOOZED,
    /** Every step ran out without an acknowledgement. */
    EXHAUSTED,
    /** Its alert resolved, or someone closed the page; nobody is notified any more. */
    RESOLVED
}
