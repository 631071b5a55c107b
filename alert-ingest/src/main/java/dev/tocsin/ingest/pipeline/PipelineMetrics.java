package dev.tocsin.ingest.pipeline;

import dev.tocsin.ingest.alert.AlertDomainEvent;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertClosed;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertOpened;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Counts what the pipeline decided, once per committed signal: {@code tocsin.alerts.triggered}
 * (by urgency), {@code tocsin.alerts.deduplicated}, {@code tocsin.alerts.resolved}, and
 * {@code tocsin.alerts.ignored} for resolutions of alerts that were not open.
 */
@ApplicationScoped
public class PipelineMetrics {

    private final MeterRegistry registry;

    PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void decided(List<AlertDomainEvent> events) {
        if (events.isEmpty()) {
            registry.counter("tocsin.alerts.ignored", "reason", "resolve-without-open-alert").increment();
        }
        for (AlertDomainEvent event : events) {
            if (event instanceof AlertOpened opened) {
                registry.counter("tocsin.alerts.triggered", "urgency", opened.urgency().name()).increment();
            } else if (event instanceof AlertClosed) {
                registry.counter("tocsin.alerts.resolved").increment();
            } else {
                registry.counter("tocsin.alerts.deduplicated").increment();
            }
        }
    }
}
