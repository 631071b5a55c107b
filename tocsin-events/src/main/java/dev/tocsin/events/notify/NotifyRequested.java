package dev.tocsin.events.notify;

import java.time.Instant;
import java.util.Map;

/**
 * escalation-service asks notifier-service to reach one person for one step of a page.
 * Published on {@code tocsin.notify-requests}, keyed by page id (it belongs to the Page aggregate).
 *
 * @param requestId unique per person and step; notifier-service dedupes deliveries by it
 * @param reason why this person is told, when it is not that they are on call for the step: e.g.
 *     that the page's policy ran out and they are its team's fallback contact; null otherwise
 * @param urgencyReason why the page's alert pages at all (the SLO it threatens, its severity), as
 *     alert-ingest decided; null when unknown and in notices about no page
 * @param quiet a notice to read, not to wake anyone (an incident's stakeholder update): sent at once
 *     by email and chat only, whatever the person's notification rules; null or false otherwise
 */
public record NotifyRequested(
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
        String urgencyReason,
        Boolean quiet) implements NotifyEvent {

    public NotifyRequested(String requestId, String pageId, String alertId, String userId, int step, String service,
            String summary, String severity, Map<String, String> labels, Instant requestedAt) {
        this(requestId, pageId, alertId, userId, step, service, summary, severity, labels, requestedAt, null);
    }

    public NotifyRequested(String requestId, String pageId, String alertId, String userId, int step, String service,
            String summary, String severity, Map<String, String> labels, Instant requestedAt, String reason) {
        this(requestId, pageId, alertId, userId, step, service, summary, severity, labels, requestedAt, reason, null);
    }

    public NotifyRequested(String requestId, String pageId, String alertId, String userId, int step, String service,
            String summary, String severity, Map<String, String> labels, Instant requestedAt, String reason,
            String urgencyReason) {
        this(requestId, pageId, alertId, userId, step, service, summary, severity, labels, requestedAt, reason,
                urgencyReason, null);
    }

    @Override
    public String aggregateId() {
        return pageId;
    }
}
