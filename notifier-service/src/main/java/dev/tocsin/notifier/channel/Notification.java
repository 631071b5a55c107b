package dev.tocsin.notifier.channel;

import dev.tocsin.events.notify.NotifyRequested;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one delivery tells a person, whatever the channel: the page and alert it is about and the
 * alert's summary, service, severity and labels, as escalation-service asked.
 *
 * @param step the escalation step that notifies this person (1 for the primary)
 * @param reason why this person is told, when it is not simply being on call for the step (the
 *     policy ran out and they are the fallback contact; their shift starts); null otherwise
 * @param urgencyReason why the alert pages at all (the SLO it threatens, its severity), as
 *     alert-ingest decided; null when unknown
 */
public record Notification(
        String requestId,
        String pageId,
        String alertId,
        String userId,
        int step,
        String service,
        String summary,
        String severity,
        Map<String, String> labels,
        Instant requestedAt,
        String reason,
        String urgencyReason) {

    public Notification {
        // Sorted, so every rendering lists the labels in the same order.
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    public Notification(String requestId, String pageId, String alertId, String userId, int step, String service,
            String summary, String severity, Map<String, String> labels, Instant requestedAt) {
        this(requestId, pageId, alertId, userId, step, service, summary, severity, labels, requestedAt, null, null);
    }

    public Notification(String requestId, String pageId, String alertId, String userId, int step, String service,
            String summary, String severity, Map<String, String> labels, Instant requestedAt, String reason) {
        this(requestId, pageId, alertId, userId, step, service, summary, severity, labels, requestedAt, reason, null);
    }

    public static Notification of(NotifyRequested request) {
        return new Notification(request.requestId(), request.pageId(), request.alertId(), request.userId(),
                request.step(), request.service(), request.summary(), request.severity(), request.labels(),
                request.requestedAt(), request.reason(), request.urgencyReason());
    }
}
