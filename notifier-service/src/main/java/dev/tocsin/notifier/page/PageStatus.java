package dev.tocsin.notifier.page;

/** Where a page stands, as far as notifier-service needs to know whether anyone is still to be notified. */
public enum PageStatus {
    /** Opened or escalated: its notifications go out. */
    OPEN,
    /** Its policy ran out unacknowledged: nobody further is notified, but those notified still are. */
    EXHAUSTED,
    /** Someone took it: no notification for it is sent any more. */
    ACKNOWLEDGED,
    /** Its alert resolved: no notification for it is sent any more. */
    RESOLVED;

    /** True once nobody needs to hear about the page any more. */
    public boolean closed() {
        return this == ACKNOWLEDGED || this == RESOLVED;
    }
}
