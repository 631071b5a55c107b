package dev.tocsin.ingest.alert;

import dev.tocsin.eventing.EventStore;
import dev.tocsin.eventing.StoredEvents;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The Alert aggregate's events in the event store. Every method runs in the caller's session. */
@ApplicationScoped
public class AlertStore {

    static final StoredEvents<AlertDomainEvent> EVENTS = StoredEvents.of("Alert", AlertDomainEvent.class);

    private final EventStore store;

    AlertStore(EventStore store) {
        this.store = store;
    }

    /** Appends after {@code expectedVersion} events; fails when another writer appended first. */
    public Uni<Void> append(String alertId, int expectedVersion, List<AlertDomainEvent> events) {
        return store.append(EVENTS, alertId, expectedVersion, events);
    }

    /** One alert's events in order. */
    public Uni<List<AlertDomainEvent>> history(String alertId) {
        return store.load(EVENTS, alertId);
    }

    /** Every alert's events in the order recorded. */
    public Multi<AlertDomainEvent> replay() {
        return store.replay(EVENTS);
    }
}
