package dev.tocsin.ingest.alert;

/**
 * What alert-ingest did with an alert once its urgency was decided: handed it on, or held it back
 * and why. Only a {@code PUBLISHED} alert is on {@code tocsin.alerts}, where escalation pages for
 * {@code PAGE} urgency; every other alert is kept, visible with its reason, and never lost.
 */
public enum Disposition {
    /** Published on {@code tocsin.alerts}. */
    PUBLISHED,
    /** A {@code TICKET} waiting for its team's business hours; published when they begin. */
    HELD,
    /** Matched a silence or maintenance window; published if it still fires when that ends. */
    SUPPRESSED,
    /** Re-fired too often; not published until its dedup key stays quiet. */
    FLAPPING,
    /** Joined a storm's grouped alert, which is published instead of each member. */
    GROUPED
}
