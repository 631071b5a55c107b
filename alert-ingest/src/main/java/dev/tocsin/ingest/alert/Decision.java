package dev.tocsin.ingest.alert;

import java.time.Instant;

/**
 * The pipeline's verdict on an alert: its urgency and why, and its disposition and why.
 *
 * @param reason why the alert is held back, in words a responder can read; null when published
 * @param suppressedBy {@code silence:<id>} or {@code maintenance:<id>} for a suppressed alert
 * @param heldUntil when a held ticket will be published
 * @param groupId the storm group a grouped alert joined
 */
public record Decision(Classification classification, Disposition disposition, String reason, String suppressedBy,
        Instant heldUntil, String groupId) {

    public static Decision publish(Classification classification) {
        return new Decision(classification, Disposition.PUBLISHED, null, null, null, null);
    }

    public Decision suppressed(String by, String why) {
        return new Decision(classification, Disposition.SUPPRESSED, why, by, null, null);
    }

    public Decision flapping(String why) {
        return new Decision(classification, Disposition.FLAPPING, why, null, null, null);
    }

    public Decision grouped(String group, String why) {
        return new Decision(classification, Disposition.GROUPED, why, null, null, group);
    }

    public Decision held(Instant until, String why) {
        return new Decision(classification, Disposition.HELD, why, null, until, null);
    }

    /** True once a step held the alert back in a way later steps must not undo. */
    public boolean isFinal() {
        return disposition == Disposition.SUPPRESSED || disposition == Disposition.FLAPPING;
    }
}
