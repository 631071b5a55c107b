package dev.tocsin.incident.page;

/** Where a page stands, as far as its events on {@code tocsin.pages} tell. */
public enum PageStatus {
    /** Escalation runs: someone is being notified. */
    OPEN,
    /** Someone took it: escalation stopped, it stays theirs until its alert resolves. */
    ACKNOWLEDGED,
    /** Every step ran out without an acknowledgement. */
    EXHAUSTED,
    /** Its alert resolved; nobody is notified any more. */
    RESOLVED
}
