package dev.tocsin.ingest.intake.pagerduty;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tocsin.events.alert.Image;
import dev.tocsin.events.alert.Link;
import java.util.List;

/**
 * A PagerDuty Events API v2 alert event ({@code POST /v2/enqueue}), PagerDuty's Common Event Format.
 * {@code routing_key} is the integration key; {@code payload} is needed only to trigger.
 */
public record PagerDutyEvent(
        @JsonProperty("routing_key") String routingKey,
        @JsonProperty("event_action") String eventAction,
        @JsonProperty("dedup_key") String dedupKey,
        Payload payload,
        List<Link> links,
        List<Image> images,
        String client,
        @JsonProperty("client_url") String clientUrl) {

    public static final String SOURCE = "pagerduty-events-v2";

    /** What the alert is about. */
    public record Payload(
            String summary,
            String source,
            String severity,
            String timestamp,
            String component,
            String group,
            @JsonProperty("class") String eventClass,
            @JsonProperty("custom_details") Object customDetails) {
    }
}
