package dev.tocsin.notifier.delivery;

/** Where a delivery stands. */
public enum DeliveryStatus {
    /** No event yet: the delivery does not exist. */
    NEW,
    /** Requested, first attempt not made yet. */
    PENDING,
    /** The last attempt failed and another one is scheduled. */
    FAILED,
    /** A provider accepted the message. Final. */
    SENT,
    /** No attempt will be made any more: permanent failure, attempts exhausted, or nowhere to send. Final. */
    ABANDONED;

    /** True while an attempt is still to be made. */
    public boolean open() {
        return this == PENDING || this == FAILED;
    }
}
