package dev.tocsin.ingest.intake.grafana;

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
 * The body Grafana Alerting's webhook contact point POSTs ({@code version: "1"}): Alertmanager's
 * webhook shape, each alert with Grafana's extras: the URLs of its dashboard, panel and screenshot,
 * and the query values that fired it ({@code values}, or {@code valueString} in older Grafana).
 */
public record GrafanaMessage(
        String version,
        String groupKey,
        String status,
        String receiver,
        Long orgId,
        List<Alert> alerts) {

    public static final String SOURCE = "grafana";

    /** One alert of the notification. */
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
