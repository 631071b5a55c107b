package dev.tocsin.ingest.intake;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.Map;

/** One alert of an Alertmanager API v2 {@code POST /api/v2/alerts} body, as Prometheus sends it. */
public record PostableAlert(
        Map<String, String> labels,
        Map<String, String> annotations,
        OffsetDateTime startsAt,
        OffsetDateTime endsAt,
        @JsonProperty("generatorURL") String generatorUrl) {
}
