package dev.tocsin.ingest.pipeline;

import dev.tocsin.ingest.alert.AlertDomainEvent;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertAcknowledged;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertClosed;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertOpened;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertReleased;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertRepeated;
import dev.tocsin.eventing.LatencyHistograms;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * Counts what the pipeline decided, once per committed batch: {@code tocsin.alerts.triggered}
 * (by urgency and disposition), {@code tocsin.alerts.deduplicated}, {@code tocsin.alerts.released}
 * (by disposition), {@code tocsin.alerts.acknowledged}, {@code tocsin.alerts.resolved}, and
 * {@code tocsin.signals.decided} / {@code tocsin.signals.redelivered} for records applied or found
 * applied already; {@code tocsin.decision.batch.seconds} times each batch's transaction (read,
 * decide, write, commit) and {@code tocsin.decision.batch.records} counts its records, both
 * histograms: a slow stage shows as long batches, a starved one as many small ones.
 */
@ApplicationScoped
public class PipelineMetrics {

    private final MeterRegistry registry;

    private final Timer batchTime;
    private final DistributionSummary batchRecords;

    PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchTime = LatencyHistograms.timer("tocsin.decision.batch", "one decision batch, read to commit",
                Duration.ofMillis(1), Duration.ofSeconds(30), Duration.ofMillis(10), Duration.ofMillis(50),
                Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1)).register(registry);
        this.batchRecords = DistributionSummary.builder("tocsin.decision.batch.records")
                .description("records in one decision batch").publishPercentileHistogram()
                .minimumExpectedValue(1.0).maximumExpectedValue(1000.0).register(registry);
    }

    /** A batch of {@code records} records committed after {@code took}. */
    void batch(int records, Duration took) {
        batchTime.record(took);
        batchRecords.record(records);
    }

    void decided(BatchPipeline.Outcome outcome) {
        registry.counter("tocsin.signals.decided").increment(outcome.applied());
        registry.counter("tocsin.signals.redelivered").increment(outcome.skipped());
        for (List<AlertDomainEvent> events : outcome.alerts()) {
            for (AlertDomainEvent event : events) {
                switch (event) {
                    case AlertOpened opened -> registry.counter("tocsin.alerts.triggered", "urgency",
                            opened.urgency().name(), "disposition", opened.disposition().name()).increment();
                    case AlertRepeated repeated -> registry.counter("tocsin.alerts.deduplicated")
                            .increment(repeated.repeats());
                    case AlertReleased released -> registry.counter("tocsin.alerts.released", "disposition",
                            released.disposition().name()).increment();
                    case AlertAcknowledged acknowledged -> registry.counter("tocsin.alerts.acknowledged").increment();
                    case AlertClosed closed -> registry.counter("tocsin.alerts.resolved").increment();
                }
            }
        }
    }
}
