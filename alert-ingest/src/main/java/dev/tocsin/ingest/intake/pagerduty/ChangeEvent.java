package dev.tocsin.ingest.intake.pagerduty;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tocsin.events.alert.Link;
import java.util.List;

/** A PagerDuty Change Event ({@code POST /v2/change/enqueue}): a deploy or config push on a service. */
public record ChangeEvent(
        @JsonProperty("routing_key") String routingKey,
        Payload payload,
        List<Link> links) {

    public static final String SOURCE = "pagerduty-change-v2";

    /** What changed. */
    public record Payload(
            String summary,
            String timestamp,
            String source,
            @JsonProperty("custom_details") Object customDetails) {
    }
}
