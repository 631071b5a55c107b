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
        Instant acknowledgedAt, String acknowledgedBy, String userFacingSlo) {

    public boolean isOpen() {
        return status == Alert.Status.OPEN;
    }

    AlertRow repeated(int newCount, Instant at) {
        return next(status, newCount, at, resolvedAt, disposition, dispositionReason, suppressedBy, heldUntil,
                acknowledgedAt, acknowledgedBy);
    }

    AlertRow released(Disposition newDisposition, String why, String by, Instant until) {
        return next(status, count, lastSeen, resolvedAt, newDisposition, why, by, until, acknowledgedAt,
                acknowledgedBy);
    }

    AlertRow acknowledged(String by, Instant at) {
        return next(status, count, lastSeen, resolvedAt, disposition, dispositionReason, suppressedBy, heldUntil, at,
                by);
    }

    AlertRow closed(Instant at) {
        return next(Alert.Status.RESOLVED, count, at, at, disposition, dispositionReason, suppressedBy, heldUntil,
                acknowledgedAt, acknowledgedBy);
    }

    /** The next version of this row, changed in what an open alert's life changes (the columns of an update). */
    private AlertRow next(Alert.Status newStatus, int newCount, Instant newLastSeen, Instant newResolvedAt,
            Disposition newDisposition, String why, String by, Instant until, Instant ackAt, String ackBy) {
        return new AlertRow(id, dedupKey, service, newStatus, summary, severity, urgency, reason, labels, annotations,
                source, newCount, version + 1, firstSeen, newLastSeen, newResolvedAt, startsAt, generatorUrl, details,
                links, images, newDisposition, why, by, until, groupId, ackAt, ackBy, userFacingSlo);
    }
}
