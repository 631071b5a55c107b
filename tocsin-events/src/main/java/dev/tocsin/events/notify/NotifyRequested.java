package dev.tocsin.events.notify;

import java.time.Instant;
import java.util.Map;

/**
 * escalation-service asks notifier-service to reach one person for one step of a page.
 * Published on {@code tocsin.notify-requests}, keyed by page id (it belongs to the Page aggregate).
 *
 * @param requestId unique per person and step; notifier-service dedupes deliveries by it
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
        Instant requestedAt) implements NotifyEvent {

    @Override
    public String aggregateId() {
        return pageId;
    }
}
