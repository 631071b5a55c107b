package dev.tocsin.ingest.pipeline;

import dev.tocsin.ingest.alert.AlertDomainEvent;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertAcknowledged;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertClosed;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertOpened;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertReleased;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertRepeated;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Counts what the pipeline decided, once per committed batch: {@code tocsin.alerts.triggered}
 * (by urgency and disposition), {@code tocsin.alerts.deduplicated}, {@code tocsin.alerts.released}
 * (by disposition), {@code tocsin.alerts.acknowledged}, {@code tocsin.alerts.resolved}, and
 * {@code tocsin.signals.decided} / {@code tocsin.signals.redelivered} for records applied or found
 * applied already.
 */
@ApplicationScoped
public class PipelineMetrics {

    private final MeterRegistry registry;

    PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void decided(BatchPipeline.Outcome outcome) {
        registry.counter("tocsin.signals.decided").increment(outcome.applied());
        registry.counter("tocsin.signals.redelivered").increment(outcome.skipped());
        for (List<AlertDomainEvent> events : outcome.alerts()) {
            for (AlertDomainEvent event : events) {
                switch (event) {
                    case AlertOpened opened -> registry.counter("tocsin.alerts.triggered",
                            "urgency", opened.urgency().name(), "disposition", opened.disposition().name()).increment();
                    case AlertRepeated repeated -> registry.counter("tocsin.alerts.deduplicated")
                            .increment(repeated.repeats());
                    case AlertReleased released -> registry.counter("tocsin.alerts.released",
                            "disposition", released.disposition().name()).increment();
                    case AlertAcknowledged acknowledged -> registry.counter("tocsin.alerts.acknowledged").increment();
                    case AlertClosed closed -> registry.counter("tocsin.alerts.resolved").increment();
                }
            }
        }
    }
}
