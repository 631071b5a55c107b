package dev.tocsin.notifier.delivery;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.EventStore;
import dev.tocsin.eventing.Outbox;
import dev.tocsin.eventing.StoredEvents;
import dev.tocsin.events.delivery.DeliveryEvent;
import dev.tocsin.notifier.NotifierConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs commands on Delivery aggregates: load the events, decide, then append the new events,
 * update the projection and write the integration events to the outbox, all in the caller's
 * transaction, so either all of it happens or none.
 */
@ApplicationScoped
public class Deliveries {

    static final StoredEvents<DeliveryDomainEvent> EVENTS = StoredEvents.of("Delivery", DeliveryDomainEvent.class);

    /** A delivery as loaded, with the number of its events (the version to append after). */
    public record Loaded(Delivery state, int version) {
    }

    /** A command's effect: the events it produced and the state after them. */
    public record Decided(Delivery state, List<DeliveryDomainEvent> events) {
    }

    private final EventStore store;
    private final Outbox outbox;
    private final DeliveryProjection projection;
    private final DeliveryMetrics metrics;
    private final RetryPolicy policy;
    private final Failover failover;

    Deliveries(EventStore store, Outbox outbox, DeliveryProjection projection, DeliveryMetrics metrics,
            NotifierConfig config, Failover failover) {
        this.failover = failover;
        this.store = store;
        this.outbox = outbox;
        this.projection = projection;
        this.metrics = metrics;
        this.policy = RetryPolicy.of(config);
    }

    public Uni<Loaded> load(String deliveryId) {
        return store.load(EVENTS, deliveryId)
                .map(events -> new Loaded(Delivery.replay(deliveryId, events), events.size()));
    }

    public Uni<Decided> execute(String deliveryId, DeliveryCommand command) {
        return load(deliveryId).chain(loaded -> execute(loaded, command));
    }

    /** Must run inside {@link AfterCommit#transaction}: the delivery metrics count after it commits. */
    public Uni<Decided> execute(Loaded loaded, DeliveryCommand command) {
        List<DeliveryDomainEvent> events = loaded.state().decide(command, policy);
        if (events.isEmpty()) {
            return Uni.createFrom().item(new Decided(loaded.state(), events));
        }
        Delivery state = loaded.state();
        List<DeliveryEvent> published = new ArrayList<>();
        for (DeliveryDomainEvent event : events) {
            state = state.apply(event);
            DeliveryNotifications.of(state, event).ifPresent(published::add);
        }
        Delivery after = state;
        Uni<Void> writes = store.append(EVENTS, after.id(), loaded.version(), events);
        for (DeliveryEvent event : published) {
            writes = writes.chain(() -> outbox.append(event));
        }
        return writes.chain(() -> projection.project(after))
                .chain(() -> failover.consider(after, events))
                .invoke(() -> events.forEach(event -> metrics.record(after, event)))
                .replaceWith(new Decided(after, events));
    }
}
