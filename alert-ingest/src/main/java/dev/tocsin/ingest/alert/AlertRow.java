package dev.tocsin.ingest.alert;

import dev.tocsin.events.alert.Image;
import dev.tocsin.events.alert.Link;
import dev.tocsin.events.alert.Urgency;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row of the {@code alerts} projection: an alert as responders and the API see it, and the
 * Alert aggregate's state the pipeline decides on, so deciding on a repeat reads one row instead
 * of replaying every earlier repeat of a long-firing alert. {@link Alert#apply} builds it from the
 * alert's events, which is also how the table is rebuilt.
 *
 * @param version how many events the alert has; the next event's sequence number is version + 1
 * @param reason why this urgency; {@code dispositionReason} why the alert was held back, if it was
 */
public record AlertRow(String id, String dedupKey, String service, Alert.Status status, String summary,
        String severity, Urgency urgency, String reason, Map<String, String> labels, Map<String, String> annotations,
        String source, int count, int version, Instant firstSeen, Instant lastSeen, Instant resolvedAt,
        Instant startsAt, String generatorUrl, Map<String, Object> details, List<Link> links, List<Image> images,
        Disposition disposition, String dispositionReason, String suppressedBy, Instant heldUntil, String groupId,
        Instant acknowledgedAt, String acknowledgedBy) {

    public boolean isOpen() {
        return status == Alert.Status.OPEN;
    }

    AlertRow repeated(int newCount, Instant at) {
        return new AlertRow(id, dedupKey, service, status, summary, severity, urgency, reason, labels, annotations,
                source, newCount, version + 1, firstSeen, at, resolvedAt, startsAt, generatorUrl, details, links,
                images, disposition, dispositionReason, suppressedBy, heldUntil, groupId, acknowledgedAt,
                acknowledgedBy);
    }

    AlertRow released(Disposition newDisposition, String why, String by, Instant until) {
        return new AlertRow(id, dedupKey, service, status, summary, severity, urgency, reason, labels, annotations,
                source, count, version + 1, firstSeen, lastSeen, resolvedAt, startsAt, generatorUrl, details, links,
                images, newDisposition, why, by, until,
                groupId, acknowledgedAt, acknowledgedBy);
    }

    AlertRow acknowledged(String by, Instant at) {
        return new AlertRow(id, dedupKey, service, status, summary, severity, urgency, reason, labels, annotations,
                source, count, version + 1, firstSeen, lastSeen, resolvedAt, startsAt, generatorUrl, details, links,
                images, disposition, dispositionReason, suppressedBy, heldUntil, groupId, at, by);
    }

    AlertRow closed(Instant at) {
        return new AlertRow(id, dedupKey, service, Alert.Status.RESOLVED, summary, severity, urgency, reason, labels,
                annotations, source, count, version + 1, firstSeen, at, at, startsAt, generatorUrl, details, links,
                images, disposition, dispositionReason, suppressedBy, heldUntil, groupId, acknowledgedAt,
                acknowledgedBy);
    }
}
