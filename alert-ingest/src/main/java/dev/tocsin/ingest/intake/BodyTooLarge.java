package dev.tocsin.ingest.intake;

import dev.tocsin.eventing.api.BodyLimit;
import dev.tocsin.ingest.intake.IntakeMetrics.Reason;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counts the bodies {@link BodyLimit} refused as too large in the intake's rejection metric, tagged
 * with the format the request was sent to.
 */
@ApplicationScoped
public class BodyTooLarge implements BodyLimit.Refusals {

    private final IntakeMetrics metrics;

    BodyTooLarge(IntakeMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void refused(String path) {
        String source = IntakeRoutes.sourceOf(path);
        metrics.rejected(source == null ? "other" : source, Reason.TOO_LARGE, 1);
    }
}
