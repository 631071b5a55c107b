package dev.tocsin.ingest.alert;

import dev.tocsin.events.alert.Urgency;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What the event store keeps about an Alert. These differ from the integration events on
 * {@code tocsin.alerts}: a repeat is recorded here (it moves the count and last-seen time) but never
 * published, because a repeat must not page anyone; opening and closing become {@code AlertTriggered}
 * and {@code AlertResolved}. Each event carries the signal that caused it, for the alert's history.
 */
public sealed interface AlertDomainEvent {

    String alertId();

    UUID signalId();

    /** The first signal of a new alert, with the urgency decided for it and why. */
    record AlertOpened(String alertId, UUID signalId, String dedupKey, String service, String summary,
            String severity, Urgency urgency, String reason, Map<String, String> labels,
            Map<String, String> annotations, Instant startsAt, String generatorUrl, String source,
            Instant openedAt) implements AlertDomainEvent {
    }

    /** The source sent the open alert again: counted, never paged again. {@code count} includes this one. */
    record AlertRepeated(String alertId, UUID signalId, int count, Instant lastSeen) implements AlertDomainEvent {
    }

    /** The source said the alert ended. */
    record AlertClosed(String alertId, UUID signalId, Instant closedAt) implements AlertDomainEvent {
    }
}
