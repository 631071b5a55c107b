package dev.tocsin.ingest.alert;

import dev.tocsin.events.alert.Urgency;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The Alert aggregate's domain events, as the event store keeps them. They carry more than the
 * integration events on {@code tocsin.alerts}: repeats are recorded here but never published,
 * because a repeat must not page anyone.
 */
public sealed interface AlertChange permits AlertChange.Opened, AlertChange.Repeated, AlertChange.Closed {

    String alertId();

    /** The first signal of a new alert, and the urgency decided for it with the reason. */
    record Opened(String alertId, UUID signalId, String dedupKey, String service, String summary, String severity,
            Urgency urgency, String reason, Map<String, String> labels, Map<String, String> annotations,
            Instant startsAt, String generatorUrl, String source, Instant at) implements AlertChange {
    }

    /** The source sent the open alert again: counted, never paged again. */
    record Repeated(String alertId, UUID signalId, Instant at) implements AlertChange {
    }

    /** The source said the alert ended. */
    record Closed(String alertId, UUID signalId, Instant at) implements AlertChange {
    }
}
