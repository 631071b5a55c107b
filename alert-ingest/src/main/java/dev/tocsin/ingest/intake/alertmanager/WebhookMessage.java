package dev.tocsin.ingest.intake.alertmanager;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tocsin.events.alert.Image;
import dev.tocsin.events.alert.Link;
import dev.tocsin.ingest.intake.LabeledAlert;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body Alertmanager's {@code webhook_config} receiver POSTs (payload version 4): a notification
 * for one alert group. Grafana Alerting's webhook contact point sends the same shape
 * ({@code version: "1"}) with more per alert: the URLs of its dashboard, panel and screenshot and the
 * query values that fired it, which Alertmanager leaves out. Only {@code alerts} matter to Tocsin:
 * the group fields say how the sender grouped them, and Tocsin groups on its own.
 */
public record WebhookMessage(
        String version,
        String groupKey,
        String status,
        String receiver,
        List<Alert> alerts) {

    public static final String SOURCE = "alertmanager-webhook-v4";

    /**
     * One alert of the group, with the status and fingerprint its sender computed.
     *
     * @param values Grafana's: the query values that fired the alert
     * @param valueString Grafana's before version 9.4: the same, as text
     */
    public record Alert(
            String status,
            Map<String, String> labels,
            Map<String, String> annotations,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            @JsonProperty("generatorURL") String generatorUrl,
            String fingerprint,
            @JsonProperty("silenceURL") String silenceUrl,
            @JsonProperty("dashboardURL") String dashboardUrl,
            @JsonProperty("panelURL") String panelUrl,
            @JsonProperty("imageURL") String imageUrl,
            Map<String, Object> values,
            String valueString) {

        /** An alert as Alertmanager sends it, without Grafana's extras. */
        public Alert(String status, Map<String, String> labels, Map<String, String> annotations,
                OffsetDateTime startsAt, OffsetDateTime endsAt, String generatorUrl, String fingerprint) {
            this(status, labels, annotations, startsAt, endsAt, generatorUrl, fingerprint, null, null, null, null, null,
                    null);
        }

        LabeledAlert labeled() {
            List<Link> links = new ArrayList<>();
            if (present(dashboardUrl)) {
                links.add(new Link(dashboardUrl, "Grafana dashboard"));
            }
            if (present(panelUrl)) {
                links.add(new Link(panelUrl, "Grafana panel"));
            }
            List<Image> images = present(imageUrl) ? List.of(new Image(imageUrl, panelUrl, null)) : null;
            Map<String, Object> details = new LinkedHashMap<>();
            if (values != null && !values.isEmpty()) {
                details.put("values", values);
            }
            if (present(valueString)) {
                details.put("valueString", valueString);
            }
            return new LabeledAlert(status, labels, annotations, startsAt, endsAt, generatorUrl, fingerprint, links,
                    images, details.isEmpty() ? null : details);
        }

        private static boolean present(String value) {
            return value != null && !value.isBlank();
        }
    }

    /** The common shape; a JSON null in the array stays null, to be reported by its index. */
    public List<LabeledAlert> labeled() {
        return alerts == null ? null : alerts.stream().map(a -> a == null ? null : a.labeled()).toList();
    }
}
