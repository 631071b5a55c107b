package dev.tocsin.events.alert;

import java.time.Instant;
import java.util.Map;

/**
 * A new alert opened: the first signal for its dedup key, or the first after it was resolved.
 *
 * @param reason why alert-ingest chose this urgency, in words a responder can read
 */
public record AlertTriggered(
        String alertId,
        String dedupKey,
        String service,
        String summary,
        String severity,
        Urgency urgency,
        String reason,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant startsAt,
        String generatorUrl,
        String source,
        Instant triggeredAt) implements AlertEvent {
}
