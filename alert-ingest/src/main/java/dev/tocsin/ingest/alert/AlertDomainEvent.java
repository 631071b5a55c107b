package dev.tocsin.ingest.alert;

import dev.tocsin.events.alert.Image;
import dev.tocsin.events.alert.Link;
import dev.tocsin.events.alert.Urgency;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the event store keeps about an Alert. These differ from the integration events on
 * {@code tocsin.alerts}: repeats, acknowledgements and every held-back alert are recorded here, so
 * an alert's history shows every decision and its reason, but only what escalation must act on is
 * published ({@link AlertPublication}). Events written before a field existed read it as null.
 */
public sealed interface AlertDomainEvent {

    String alertId();

    /**
     * The first signal of a new alert, with the urgency decided for it, its disposition, and why.
     *
     * @param reason why this urgency; {@code dispositionReason} why it was held back, if it was
     * @param userFacingSlo the user-facing SLO it is tied to ({@link Classification#userFacingSlo()});
     *     null when none, and in events stored before the field
     */
    record AlertOpened(String alertId, UUID signalId, String dedupKey, String service, String summary,
            String severity, Urgency urgency, String reason, Map<String, String> labels,
            Map<String, String> annotations, Instant startsAt, String generatorUrl, String source,
            Instant openedAt, Map<String, Object> details, List<Link> links, List<Image> images,
            Disposition disposition, String dispositionReason, String suppressedBy, Instant heldUntil,
            String groupId, String userFacingSlo) implements AlertDomainEvent {

        public AlertOpened {
            disposition = disposition == null ? Disposition.PUBLISHED : disposition;
        }
    }

    /**
     * The source sent the open alert again: counted, never paged again. Repeats decided in one
     * batch are recorded as one event; {@code repeats} says how many signals it stands for and
     * {@code count} includes them.
     */
    record AlertRepeated(String alertId, UUID signalId, int count, Instant lastSeen, int repeats)
            implements AlertDomainEvent {

        public AlertRepeated {
            repeats = Math.max(repeats, 1);
        }
    }

    /** A held or suppressed alert was decided again: published now, or held until business hours. */
    record AlertReleased(String alertId, String cause, Disposition disposition, String dispositionReason,
            String suppressedBy, Instant heldUntil, Instant releasedAt) implements AlertDomainEvent {
    }

    /**
     * Someone acknowledged the alert at its source. {@code forwarded} when its page was asked to
     * stop escalating, which only a published {@code PAGE} alert has.
     */
    record AlertAcknowledged(String alertId, UUID signalId, String by, boolean forwarded, Instant at)
            implements AlertDomainEvent {
    }

    /** The source said the alert ended. */
    record AlertClosed(String alertId, UUID signalId, Instant closedAt) implements AlertDomainEvent {
    }
}
