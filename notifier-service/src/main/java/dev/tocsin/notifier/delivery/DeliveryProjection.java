package dev.tocsin.notifier.delivery;

import dev.tocsin.eventing.EventStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the {@code deliveries} table equal to the Delivery events: written in the same transaction
 * as the events, and rebuildable from them alone.
 */
@ApplicationScoped
public class DeliveryProjection {

    private final EventStore store;

    DeliveryProjection(EventStore store) {
        this.store = store;
    }

    /** Writes a delivery's current state; must run inside the transaction that appended its events. */
    Uni<Void> project(Delivery delivery) {
        return Panache.getSession().chain(session -> session.merge(DeliveryRow.of(delivery))).replaceWithVoid();
    }

    /**
     * Drops the table's rows and writes them again from every stored Delivery event, in one
     * transaction. Returns how many deliveries it wrote.
     */
    public Uni<Integer> rebuild() {
        // Folding every stored event is work proportional to the whole history: it runs on a worker
        // thread, and the writes go back to the request's context, where the reactive session lives.
        Context context = Vertx.currentContext();
        return Panache.withTransaction(() -> DeliveryRow.deleteAll()
                .chain(() -> store.replay(Deliveries.EVENTS).collect().asList())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(DeliveryProjection::fold)
                .emitOn(command -> context.runOnContext(ignored -> command.run()))
                .chain(byId -> {
                    Uni<Void> writes = Uni.createFrom().voidItem();
                    for (Delivery delivery : byId.values()) {
                        writes = writes.chain(() -> project(delivery));
                    }
                    return writes.replaceWith(byId.size());
                }));
    }

    private static Map<String, Delivery> fold(List<DeliveryDomainEvent> events) {
        Map<String, Delivery> byId = new LinkedHashMap<>();
        for (DeliveryDomainEvent event : events) {
            byId.compute(event.deliveryId(), (id, state) -> (state == null ? Delivery.empty(id) : state).apply(event));
        }
        return byId;
    }
}
