package dev.tocsin.events.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A new alert opened: the first signal for its dedup key, or the first after it was resolved.
 * A {@code TICKET} alert opened outside its team's business hours is published when they begin,
 * so {@code triggeredAt} is then later than {@code startsAt}.
 *
 * @param reason why alert-ingest chose this urgency, in words a responder can read
 * @param details structured details the source sent (PagerDuty {@code custom_details}); optional
 * @param links links the source attached; optional
 * @param images images the source attached; optional
 * @param userFacingSlo the SLO of its service the alert is tied to, when that SLO is marked
 *     user-facing (users feel it when it burns); null otherwise and in alerts from before the field
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
        Instant triggeredAt,
        Map<String, Object> details,
        List<Link> links,
        List<Image> images,
        String userFacingSlo) implements AlertEvent {

    /** An alert without details, links or images. */
    public AlertTriggered(String alertId, String dedupKey, String service, String summary, String severity,
            Urgency urgency, String reason, Map<String, String> labels, Map<String, String> annotations,
            Instant startsAt, String generatorUrl, String source, Instant triggeredAt) {
        this(alertId, dedupKey, service, summary, severity, urgency, reason, labels, annotations, startsAt,
                generatorUrl, source, triggeredAt, null, null, null, null);
    }
}
