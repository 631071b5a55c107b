package dev.tocsin.notifier.page;

/** Where a page stands, as far as notifier-service needs to know whether anyone is still to be notified. */
public enum PageStatus {
    /** Opened or escalated: its notifications go out. */
    OPEN,
    /** Its policy ran out unacknowledged: nobody further is notified, but those notified still are. */
    EXHAUSTED,
    /** Someone took it: no notification for it is sent any more, unless it is escalated or reassigned again. */
    ACKNOWLEDGED,
    /** Someone snoozed it: nothing is sent until escalation-service notifies again when the snooze ends. */
    SNOOZED,
    /** Its alert resolved: no notification for it is sent any more. */
    RESOLVED;

    /** True while nobody needs to hear about the page (for good once it is resolved). */
    public boolean closed() {
        return this == ACKNOWLEDGED || this == SNOOZED || this == RESOLVED;
    }
}
