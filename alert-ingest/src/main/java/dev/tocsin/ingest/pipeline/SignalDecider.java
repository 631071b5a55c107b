package dev.tocsin.ingest.pipeline;

import dev.tocsin.eventing.EventStore;
import dev.tocsin.eventing.Outbox;
import dev.tocsin.eventing.StoredEvents;
import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.ingest.alert.Alert;
import dev.tocsin.ingest.alert.AlertChange;
import dev.tocsin.ingest.alert.AlertProjection;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Decides on one signal inside the consumer's transaction: finds the open alert of its dedup key,
 * classifies, lets the Alert aggregate decide, then appends the events, updates the projection and
 * writes the integration events to the outbox — all in one commit.
 */
@ApplicationScoped
public class SignalDecider {

    public static final StoredEvents<AlertChange> EVENTS = StoredEvents.of("Alert", AlertChange.class);

    private final AlertProjection projection;
    private final Classifier classifier;
    private final EventStore store;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry registry;

    SignalDecider(AlertProjection projection, Classifier classifier, EventStore store, Outbox outbox, Clock clock,
            MeterRegistry registry) {
        this.projection = projection;
        this.classifier = classifier;
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
        this.registry = registry;
    }

    public Uni<Void> decide(AlertSignalReceived signal) {
        return projection.findOpen(signal.dedupKey()).chain(open -> {
            Alert current = open.orElse(null);
            List<AlertChange> events = Alert.decide(current, signal, UUID.randomUUID().toString(),
                    classifier.classify(signal), clock.instant());
            if (events.isEmpty()) {
                registry.counter("tocsin.alerts.resolved.unknown").increment();
                return Uni.createFrom().voidItem();
            }
            int version = current == null ? 0 : current.version();
            Uni<Void> chain = store.append(EVENTS, events.get(0).alertId(), version, events);
            for (AlertChange event : events) {
                chain = chain.chain(() -> projection.apply(event)).chain(() -> publish(event, signal));
            }
            return chain;
        });
    }

    private Uni<Void> publish(AlertChange event, AlertSignalReceived signal) {
        if (event instanceof AlertChange.Opened o) {
            registry.counter("tocsin.alerts.triggered", "urgency", o.urgency().name()).increment();
            return outbox.append(new AlertTriggered(o.alertId(), o.dedupKey(), o.service(), o.summary(), o.severity(),
                    o.urgency(), o.reason(), o.labels(), o.annotations(), o.startsAt(), o.generatorUrl(), o.source(),
                    o.at()));
        }
        if (event instanceof AlertChange.Closed c) {
            registry.counter("tocsin.alerts.resolved").increment();
            return outbox.append(new AlertResolved(c.alertId(), signal.dedupKey(), signal.service(), c.at()));
        }
        // A repeat is recorded and counted, never published: it must not page again.
        registry.counter("tocsin.alerts.deduplicated").increment();
        return Uni.createFrom().voidItem();
    }
}
