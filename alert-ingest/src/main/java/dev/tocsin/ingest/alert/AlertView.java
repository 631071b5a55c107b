package dev.tocsin.ingest.alert;

import java.time.Instant;
import java.util.Map;

/** An alert as the API shows it. */
public record AlertView(String id, String dedupKey, String service, String status, String summary, String severity,
        String urgency, String reason, Map<String, String> labels, Map<String, String> annotations, String source,
        int count, Instant firstSeen, Instant lastSeen, Instant resolvedAt) {
}
