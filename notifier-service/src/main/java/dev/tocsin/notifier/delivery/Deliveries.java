package dev.tocsin.notifier.delivery;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.EventStore;
import dev.tocsin.eventing.Outbox;
import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.StoredEvents;
import dev.tocsin.events.delivery.DeliveryEvent;
import dev.tocsin.notifier.NotifierConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /** One command for one delivery, for {@link #executeAll}. */
    public record Command(String deliveryId, DeliveryCommand command) {
    }

    /**
     * Runs many commands at the cost of a few statements, however many they are: one read of every
     * delivery they name, each decided in order (a delivery named twice decides the second time on
     * what the first left), then one append, one outbox write and one projection write. Must run
     * inside {@link AfterCommit#transaction}. Returns each command's decision, in order.
     */
    public Uni<List<Decided>> executeAll(List<Command> commands) {
        if (commands.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = commands.stream().map(Command::deliveryId).distinct().toList();
        return store.loadAll(Sql.connection(), EVENTS, ids).chain(stored -> {
            Map<String, Delivery> states = new LinkedHashMap<>();
            Map<String, Integer> versions = new HashMap<>();
            Map<String, List<DeliveryDomainEvent>> appended = new LinkedHashMap<>();
            for (String id : ids) {
                List<DeliveryDomainEvent> events = stored.getOrDefault(id, List.of());
                states.put(id, Delivery.replay(id, events));
                versions.put(id, events.size());
            }
            List<Decided> decided = new ArrayList<>(commands.size());
            List<DeliveryEvent> published = new ArrayList<>();
            for (Command command : commands) {
                List<DeliveryDomainEvent> events = states.get(command.deliveryId()).decide(command.command(), policy);
                Delivery state = fold(states.get(command.deliveryId()), events, published);
                events.forEach(event -> metrics.record(state, event));
                states.put(command.deliveryId(), state);
                if (!events.isEmpty()) {
                    appended.computeIfAbsent(command.deliveryId(), id -> new ArrayList<>()).addAll(events);
                }
                decided.add(new Decided(state, events));
            }
            if (appended.isEmpty()) {
                return Uni.createFrom().item(decided);
            }
            List<EventStore.Append<DeliveryDomainEvent>> appends = appended.entrySet().stream()
                    .map(e -> new EventStore.Append<DeliveryDomainEvent>(e.getKey(), versions.get(e.getKey()),
                            e.getValue()))
                    .toList();
            List<Delivery> changed = appended.keySet().stream().map(states::get).toList();
            return store.append(Sql.connection(), EVENTS, appends)
                    .chain(() -> outbox.append(Sql.connection(), published))
                    .chain(() -> projection.insert(Sql.connection(), changed))
                    .replaceWith(decided);
        });
    }

    /** Must run inside {@link AfterCommit#transaction}: the delivery metrics count after it commits. */
    public Uni<Decided> execute(Loaded loaded, DeliveryCommand command) {
        List<DeliveryDomainEvent> events = loaded.state().decide(command, policy);
        if (events.isEmpty()) {
            return Uni.createFrom().item(new Decided(loaded.state(), events));
        }
        List<DeliveryEvent> published = new ArrayList<>();
        Delivery after = fold(loaded.state(), events, published);
        Uni<Void> writes = store.append(EVENTS, after.id(), loaded.version(), events);
        for (DeliveryEvent event : published) {
            writes = writes.chain(() -> outbox.append(event));
        }
        return writes.chain(() -> projection.project(after))
                .chain(() -> failover.consider(after, events))
                .invoke(() -> events.forEach(event -> metrics.record(after, event)))
                .replaceWith(new Decided(after, events));
    }

    /** The state after {@code events}, in order; what each publishes is added to {@code published}. */
    private static Delivery fold(Delivery state, List<DeliveryDomainEvent> events, List<DeliveryEvent> published) {
        for (DeliveryDomainEvent event : events) {
            state = state.apply(event);
            DeliveryNotifications.of(state, event).ifPresent(published::add);
        }
        return state;
    }
}
