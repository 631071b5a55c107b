package dev.tocsin.ingest.pipeline;

import dev.tocsin.ingest.alert.AlertQueries;
import dev.tocsin.ingest.alert.AlertRow;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Finds the open alert of the signal's dedup key (its Alertmanager fingerprint). The open row of the
 * projection is the aggregate's snapshot, so a repeat reads one row instead of replaying every
 * earlier repeat of a long-firing alert.
 */
@ApplicationScoped
public class DedupStep implements PipelineStep {

    private final AlertQueries alerts;

    DedupStep(AlertQueries alerts) {
        this.alerts = alerts;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Uni<SignalContext> apply(SignalContext context) {
        return alerts.findOpen(context.signal().dedupKey())
                .map(open -> context.withOpen(open.map(AlertRow::toAlert).orElse(null)));
    }
}
