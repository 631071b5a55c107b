package dev.tocsin.incident.incident;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.EventStore;
import dev.tocsin.eventing.Outbox;
import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.StoredEvents;
import dev.tocsin.eventing.Deadlines;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.incident.engine.UpdateReminders;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs commands on Incident aggregates: in one transaction, take the incident's lock, load its
 * events, decide, then append the new events, write its row and put what other services learn on
 * the outbox, so either all of it happens or none. The lock lines up commands on one incident (a
 * commander assigning while a handoff is accepted) instead of failing one of them.
 */
@ApplicationScoped
public class Incidents {

    static final StoredEvents<IncidentChange> EVENTS = StoredEvents.of("Incident", IncidentChange.class);

    private static final String LOCK = "select pg_advisory_xact_lock(hashtextextended('tocsin.incident/' || $1, 0))";

    /** An incident with the events it was folded from, oldest first. */
    public record Loaded(Incident incident, List<IncidentChange> events) {
    }

    private final EventStore store;
    private final Outbox outbox;
    private final IncidentRows rows;
    private final Deadlines deadlines;
    private final Clock clock;
    private final MeterRegistry registry;

    Incidents(EventStore store, Outbox outbox, IncidentRows rows, Deadlines deadlines, Clock clock,
            MeterRegistry registry) {
        this.registry = registry;
        this.deadlines = deadlines;
        this.store = store;
        this.outbox = outbox;
        this.rows = rows;
        this.clock = clock;
    }

    /** The incident and its history; empty when no incident has this id. */
    public Uni<Optional<Loaded>> load(String id) {
        return store.load(EVENTS, id).map(events -> events.isEmpty() ? Optional.empty()
                : Optional.of(new Loaded(Incident.replay(id, events), events)));
    }

    /** No incident has the id a command names: the transaction rolls back, and nothing is recorded. */
    public static class NoSuchIncident extends RuntimeException {

        NoSuchIncident(String id) {
            super("incident " + id);
        }
    }

    /**
     * Carries out {@code command} on the incident and answers it as it is afterwards. Fails with
     * {@link NoSuchIncident} when no incident has this id (a declaration aside), and with
     * {@link IncidentRefused} when the incident refuses; then nothing is recorded.
     */
    public Uni<Incident> execute(String id, IncidentCommand command) {
        return AfterCommit.transaction(() -> Sql.connection().preparedQuery(LOCK).execute(Tuple.of(id))
                .chain(() -> store.load(EVENTS, id))
                .chain(events -> {
                    Incident before = Incident.replay(id, events);
                    if (before.status() == Incident.Status.NEW && !(command instanceof IncidentCommand.Declare)) {
                        throw new NoSuchIncident(id);
                    }
                    List<IncidentChange> changes = before.decide(command, clock.instant());
                    if (changes.isEmpty()) {
                        return Uni.createFrom().item(before);
                    }
                    Incident after = before;
                    List<IntegrationEvent> published = new ArrayList<>();
                    for (IncidentChange change : changes) {
                        after = after.apply(change);
                        published.addAll(IncidentPublished.of(after, change));
                    }
                    Incident result = after;
                    changes.forEach(change -> AfterCommit.register(() -> count(change)));
                    return store.append(EVENTS, id, events.size(), changes)
                            .chain(() -> outbox.append(Sql.connection(), published))
                            .chain(() -> rows.project(result))
                            .chain(() -> reminder(result, changes))
                            .replaceWith(result);
                }));
    }

    /**
     * Incidents declared, by whom ({@code person}, or the rule) and severity, their status changes,
     * updates posted and reminded, handoffs accepted and declined, for the on-call dashboard;
     * counted after commit, so a retried transaction counts once.
     */
    private void count(IncidentChange change) {
        switch (change) {
            case IncidentChange.Declared d -> registry.counter("tocsin.incidents.declared", "declared_by",
                    d.declaredBy() != null && d.declaredBy().startsWith("rule:") ? d.declaredBy() : "person",
                    "severity", d.severity().name()).increment();
            case IncidentChange.StatusChanged s -> registry.counter("tocsin.incidents.status.changed", "to",
                    s.to().word()).increment();
            case IncidentChange.UpdatePosted p -> registry.counter("tocsin.incidents.updates.posted").increment();
            case IncidentChange.UpdateReminded r -> registry.counter("tocsin.incidents.updates.reminded").increment();
            case IncidentChange.HandoffAccepted a -> registry.counter("tocsin.incidents.handoffs", "outcome", "accepted")
                    .increment();
            case IncidentChange.HandoffDeclined d -> registry.counter("tocsin.incidents.handoffs", "outcome", "declined")
                    .increment();
            // The rest is the incident's own record, seen in its timeline and document.
            case IncidentChange.CommandTaken t -> { }
            case IncidentChange.PageJoined j -> { }
            case IncidentChange.RoleAssigned r -> { }
            case IncidentChange.HandoffProposed p -> { }
            case IncidentChange.DocumentEdited e -> { }
            case IncidentChange.Subscribed s -> { }
            case IncidentChange.Unsubscribed u -> { }
            case IncidentChange.EntryWritten w -> { }
        }
    }

    /**
     * Declares the incident unless one has this id already (a rule's id derives from what completed
     * it, so a redelivered record or a deadline fired again declares nothing twice).
     */
    public Uni<Void> declareOnce(String id, IncidentCommand.Declare declare) {
        return load(id).chain(existing -> existing.isPresent() ? Uni.createFrom().voidItem()
                : execute(id, declare).replaceWithVoid());
    }

    /**
     * Keeps the update reminder's deadline on the due time the document names while the incident is
     * open: armed or moved when an edit sets it, cancelled when an edit clears it or the incident
     * resolves or closes.
     */
    private Uni<Void> reminder(Incident after, List<IncidentChange> changes) {
        boolean touched = changes.stream().anyMatch(c -> c instanceof IncidentChange.DocumentEdited
                || c instanceof IncidentChange.StatusChanged || c instanceof IncidentChange.UpdatePosted);
        if (!touched) {
            return Uni.createFrom().voidItem();
        }
        Instant due = after.document().nextUpdateDue();
        return after.status().open() && due != null ? deadlines.arm(UpdateReminders.KIND, after.id(), due, due.toString())
                : deadlines.cancel(UpdateReminders.KIND, after.id());
    }
}
