package dev.tocsin.ingest.intake.alertmanager;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tocsin.ingest.intake.LabeledAlert;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The body Alertmanager's {@code webhook_config} receiver POSTs (payload version 4): a notification
 * for one alert group. Only {@code alerts} matter to Tocsin; the group fields describe how
 * Alertmanager grouped them, and Tocsin groups on its own.
 */
public record WebhookMessage(
        String version,
        String groupKey,
        String status,
        String receiver,
        List<Alert> alerts) {

    public static final String SOURCE = "alertmanager-webhook-v4";

    /** One alert of the group, with the status and fingerprint Alertmanager computed. */
    public record Alert(
            String status,
            Map<String, String> labels,
            Map<String, String> annotations,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            @JsonProperty("generatorURL") String generatorUrl,
            String fingerprint) {
    }

    /** The common shape; a JSON null in the array stays null, to be reported by its index. */
    public List<LabeledAlert> labeled() {
        return alerts == null ? null : alerts.stream().map(a -> a == null ? null : new LabeledAlert(a.status,
                a.labels, a.annotations, a.startsAt, a.endsAt, a.generatorUrl, a.fingerprint, null, null, null))
                .toList();
    }
}
