package dev.tocsin.ingest.intake.alertmanager;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tocsin.ingest.intake.LabeledAlert;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** One alert of an Alertmanager API v2 {@code POST /api/v2/alerts} body, as Prometheus sends it. */
public record PostableAlert(
        Map<String, String> labels,
        Map<String, String> annotations,
        OffsetDateTime startsAt,
        OffsetDateTime endsAt,
        @JsonProperty("generatorURL") String generatorUrl) {

    public static final String SOURCE = "alertmanager-v2";

    /** The common shape; a JSON null in the array stays null, to be reported by its index. */
    public static List<LabeledAlert> labeled(List<PostableAlert> alerts) {
        return alerts == null ? null : alerts.stream()
                .map(a -> a == null ? null : LabeledAlert.of(a.labels, a.annotations, a.startsAt, a.endsAt, a.generatorUrl))
                .toList();
    }
}
