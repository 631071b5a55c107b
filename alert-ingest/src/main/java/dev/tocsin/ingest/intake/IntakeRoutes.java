package dev.tocsin.ingest.intake;

import dev.tocsin.ingest.intake.alertmanager.PostableAlert;
import dev.tocsin.ingest.intake.alertmanager.WebhookMessage;
import dev.tocsin.ingest.intake.grafana.GrafanaResource;
import dev.tocsin.ingest.intake.pagerduty.ChangeEvent;
import dev.tocsin.ingest.intake.pagerduty.PagerDutyEvent;
import dev.tocsin.ingest.intake.webhook.GenericEvent;
import java.util.Map;

/** The intake endpoints' paths (each a {@code POST}), and the wire format each is counted under. */
final class IntakeRoutes {

    private static final Map<String, String> SOURCES = Map.of(
            "/api/v2/alerts", PostableAlert.SOURCE,
            "/hooks/alertmanager", WebhookMessage.SOURCE,
            "/hooks/grafana", GrafanaResource.SOURCE,
            "/hooks/generic", GenericEvent.SOURCE,
            "/v2/enqueue", PagerDutyEvent.SOURCE,
            "/v2/change/enqueue", ChangeEvent.SOURCE);

    private IntakeRoutes() {
    }

    /** The {@code source} tag of an intake path, or null when the path is not intake. */
    static String sourceOf(String path) {
        return SOURCES.get(path);
    }

    /** Whether the format answers in PagerDuty's shape rather than problem+json. */
    static boolean pagerDuty(String source) {
        return PagerDutyEvent.SOURCE.equals(source) || ChangeEvent.SOURCE.equals(source);
    }
}
