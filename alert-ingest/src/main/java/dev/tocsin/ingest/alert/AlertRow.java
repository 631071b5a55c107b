package dev.tocsin.ingest.alert;

import dev.tocsin.ingest.alert.AlertDomainEvent.AlertClosed;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertOpened;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertRepeated;
import java.time.Instant;
import java.util.Map;

/**
 * One row of the {@code alerts} projection: an alert as responders and the API see it.
 * {@link #apply} is the projection as a pure fold over the alert's events, which is how the table
 * is rebuilt; the live path writes the same changes with targeted updates.
 *
 * @param version how many events the alert has, so deciding on the next signal needs no replay
 */
public record AlertRow(String id, String dedupKey, String service, Alert.Status status, String summary,
        String severity, String urgency, String reason, Map<String, String> labels, Map<String, String> annotations,
        String source, int count, int version, Instant firstSeen, Instant lastSeen, Instant resolvedAt) {

    /** The row after an event; {@code row} is null before the first. */
    public static AlertRow apply(AlertRow row, AlertDomainEvent event) {
        if (event instanceof AlertOpened e) {
            return new AlertRow(e.alertId(), e.dedupKey(), e.service(), Alert.Status.OPEN, e.summary(), e.severity(),
                    e.urgency().name(), e.reason(), e.labels(), e.annotations(), e.source(), 1, 1, e.openedAt(),
                    e.openedAt(), null);
        }
        if (event instanceof AlertRepeated e) {
            return new AlertRow(row.id, row.dedupKey, row.service, row.status, row.summary, row.severity, row.urgency,
                    row.reason, row.labels, row.annotations, row.source, e.count(), row.version + 1, row.firstSeen,
                    e.lastSeen(), row.resolvedAt);
        }
        if (event instanceof AlertClosed e) {
            return new AlertRow(row.id, row.dedupKey, row.service, Alert.Status.RESOLVED, row.summary, row.severity,
                    row.urgency, row.reason, row.labels, row.annotations, row.source, row.count, row.version + 1,
                    row.firstSeen, e.closedAt(), e.closedAt());
        }
        throw new IllegalArgumentException("unknown event " + event);
    }

    /** The aggregate's state as this row holds it: the snapshot the pipeline decides on. */
    public Alert toAlert() {
        return new Alert(id, dedupKey, service, status, count, lastSeen, version);
    }
}
