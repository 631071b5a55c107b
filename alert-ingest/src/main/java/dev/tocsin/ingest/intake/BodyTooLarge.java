package dev.tocsin.ingest.intake;

import dev.tocsin.eventing.api.BodyLimit;
import dev.tocsin.ingest.intake.IntakeMetrics.Reason;
import dev.tocsin.ingest.intake.alertmanager.PostableAlert;
import dev.tocsin.ingest.intake.alertmanager.WebhookMessage;
import dev.tocsin.ingest.intake.grafana.GrafanaResource;
import dev.tocsin.ingest.intake.pagerduty.ChangeEvent;
import dev.tocsin.ingest.intake.pagerduty.PagerDutyEvent;
import dev.tocsin.ingest.intake.webhook.GenericEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Counts the bodies {@link BodyLimit} refused as too large in the intake's rejection metric, tagged
 * with the format the request was sent to.
 */
@ApplicationScoped
public class BodyTooLarge implements BodyLimit.Refusals {

    /** Intake paths, for the {@code source} tag of the rejection metric. */
    private static final Map<String, String> SOURCES = Map.of(
            "/api/v2/alerts", PostableAlert.SOURCE,
            "/hooks/alertmanager", WebhookMessage.SOURCE,
            "/hooks/grafana", GrafanaResource.SOURCE,
            "/hooks/generic", GenericEvent.SOURCE,
            "/v2/enqueue", PagerDutyEvent.SOURCE,
            "/v2/change/enqueue", ChangeEvent.SOURCE);

    private final IntakeMetrics metrics;

    BodyTooLarge(IntakeMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void refused(String path) {
        metrics.rejected(SOURCES.getOrDefault(path, "other"), Reason.TOO_LARGE, 1);
    }
}
