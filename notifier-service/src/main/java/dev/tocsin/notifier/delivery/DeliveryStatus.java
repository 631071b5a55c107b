package dev.tocsin.notifier.delivery;

/** Where a delivery stands. */
public enum DeliveryStatus {
    /** No event yet: the delivery does not exist. */
    NEW,
    /** Requested, first attempt not made yet. */
    PENDING,
    /** The last attempt failed and another one is scheduled. */
    FAILED,
    /**
     * Waiting, during a storm, to go out in one message with the person's other new pages on the
     * same contact method ({@code delivery.bundle}); sent alone if that message never comes.
     */
    HELD,
    /** A provider accepted the message. Final. */
    SENT,
    /** No attempt will be made any more: permanent failure, attempts exhausted, or nowhere to send. Final. */
    ABANDONED,
    /**
     * Stopped because the page was acknowledged or resolved, before or between attempts, or never
     * attempted because the request came after that. Final; an attempt that was in flight when it
     * was cancelled records its outcome (a send then makes it SENT).
     */
    CANCELLED,
    /** Sent, and the provider reports it reached the person's device (an SMS delivered, a call answered). Final. */
    DELIVERED,
    /**
     * Sent, but the provider reports it never reached the person (an SMS undelivered, a call
     * unanswered or busy); the person's next notification rule is brought forward. Final.
     */
    UNDELIVERED;

    /** True while an attempt is still to be made. */
    public boolean open() {
        return this == PENDING || this == FAILED || this == HELD;
    }
}
