package dev.tocsin.ingest.pipeline;

import dev.tocsin.eventing.Outbox;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.ingest.alert.Alert;
import dev.tocsin.ingest.alert.AlertDomainEvent;
import dev.tocsin.ingest.alert.AlertProjection;
import dev.tocsin.ingest.alert.AlertPublication;
import dev.tocsin.ingest.alert.AlertStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Decides on one accepted signal: runs the {@link PipelineStep}s in order, lets the Alert aggregate
 * decide, then appends the events, updates the projection and writes the integration events to
 * the outbox, all in the caller's transaction, so they commit together or not at all.
 */
@ApplicationScoped
public class AlertPipeline {

    private final List<PipelineStep> steps;
    private final AlertStore store;
    private final AlertProjection projection;
    private final Outbox outbox;
    private final Clock clock;

    AlertPipeline(Instance<PipelineStep> steps, AlertStore store, AlertProjection projection, Outbox outbox,
            Clock clock) {
        this.steps = steps.stream().sorted(Comparator.comparingInt(PipelineStep::order)).toList();
        this.store = store;
        this.projection = projection;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Returns the events the signal caused; none when it changed nothing. Must run in a transaction. */
    public Uni<List<AlertDomainEvent>> process(AlertSignalReceived signal) {
        Uni<SignalContext> context = Uni.createFrom().item(SignalContext.of(signal));
        for (PipelineStep step : steps) {
            context = context.chain(step::apply);
        }
        return context.chain(this::decide);
    }

    private Uni<List<AlertDomainEvent>> decide(SignalContext context) {
        Alert open = context.open();
        List<AlertDomainEvent> events = Alert.decide(open,
                context.command(UUID.randomUUID().toString(), clock.instant()));
        if (events.isEmpty()) {
            return Uni.createFrom().item(events);
        }
        boolean opens = events.get(0) instanceof AlertDomainEvent.AlertOpened;
        Uni<Void> writes = store.append(events.get(0).alertId(), opens ? 0 : open.version(), events);
        Alert before = opens ? null : open;
        for (AlertDomainEvent event : events) {
            Alert state = before;
            writes = writes.chain(() -> projection.apply(event))
                    .chain(() -> AlertPublication.of(state, event).map(outbox::append)
                            .orElseGet(() -> Uni.createFrom().voidItem()));
            before = Alert.apply(before, event);
        }
        return writes.replaceWith(events);
    }
}
