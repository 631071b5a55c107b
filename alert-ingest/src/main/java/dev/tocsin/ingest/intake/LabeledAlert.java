package dev.tocsin.ingest.intake;

import dev.tocsin.events.alert.Image;
import dev.tocsin.events.alert.Link;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The common shape of an Alertmanager-style alert (labels, annotations, start and end), into which
 * the Alertmanager API v2, Alertmanager webhook v4 and Grafana formats are read before
 * {@link LabeledAlerts} validates and normalizes them the same way.
 *
 * @param status {@code firing} or {@code resolved} as the webhook formats say; null for API v2,
 *     where {@code endsAt} alone decides
 * @param fingerprint the sender's fingerprint, used as dedup key when well-formed; may be null
 */
public record LabeledAlert(
        String status,
        Map<String, String> labels,
        Map<String, String> annotations,
        OffsetDateTime startsAt,
        OffsetDateTime endsAt,
        String generatorUrl,
        String fingerprint,
        List<Link> links,
        List<Image> images,
        Map<String, Object> details) {

    /** An alert without the webhook-only parts. */
    public static LabeledAlert of(Map<String, String> labels, Map<String, String> annotations, OffsetDateTime startsAt,
            OffsetDateTime endsAt, String generatorUrl) {
        return new LabeledAlert(null, labels, annotations, startsAt, endsAt, generatorUrl, null, null, null, null);
    }
}
