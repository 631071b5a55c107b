package dev.tocsin.ingest.pipeline;

import dev.tocsin.eventing.Deadlines;
import dev.tocsin.eventing.EventStore;
import dev.tocsin.eventing.EventStore.Append;
import dev.tocsin.eventing.Outbox;
import dev.tocsin.ingest.alert.Alert;
import dev.tocsin.ingest.alert.AlertDomainEvent;
import dev.tocsin.ingest.alert.store.AlertTable;
import dev.tocsin.ingest.pipeline.Decisions.AlertChange;
import dev.tocsin.ingest.storm.AlertGroup;
import dev.tocsin.ingest.storm.GroupEvent;
import dev.tocsin.ingest.storm.GroupTable;
import dev.tocsin.ingest.storm.Storm.GroupChange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The write phase of a decision batch: stores what the {@link BatchDecider} decided, deciding
 * nothing. Each table gets one statement over arrays for the whole batch through its store class,
 * the rows already built. The statements are sent together (they pipeline on the one connection)
 * and run in the order sent; the first that fails fails the batch, whose transaction then rolls back.
 */
@ApplicationScoped
class DecisionWrites {

    private final EventStore store;
    private final Outbox outbox;
    private final Deadlines deadlines;

    DecisionWrites(EventStore store, Outbox outbox, Deadlines deadlines) {
        this.store = store;
        this.outbox = outbox;
        this.deadlines = deadlines;
    }

    /**
     * @param advance whether the partitions' applied offsets move: not on a replay of a parked record
     * @return whether a deadline it armed is already due (the engine is woken after the commit)
     */
    Uni<Boolean> write(SqlClient c, Decisions decided, boolean advance) {
        List<AlertChange> alerts = decided.alerts();
        List<GroupChange> groups = decided.groups();
        return Uni.combine().all().unis(
                        store.append(c, Alert.EVENTS, alerts.stream().map(a -> new Append<AlertDomainEvent>(
                                a.after().id(), a.before() == null ? 0 : a.before().version(), a.events())).toList()),
                        // Updates first: an alert closed in this batch leaves its dedup key free for one opened after it.
                        AlertTable.update(c, alerts.stream().filter(a -> a.before() != null).map(AlertChange::after)
                                .toList()),
                        AlertTable.insert(c, alerts.stream().filter(a -> a.before() == null).map(AlertChange::after)
                                .toList()),
                        store.append(c, AlertGroup.EVENTS, groups.stream().map(g -> new Append<GroupEvent>(
                                g.after().id(), g.before() == null ? 0 : g.before().version(), g.events())).toList()),
                        GroupTable.upsert(c, groups.stream().map(GroupChange::after).toList()),
                        deadlines.arm(c, decided.deadlines()),
                        outbox.append(c, decided.published()),
                        advance ? SignalOffsets.advance(c, decided.applied()) : Uni.createFrom().voidItem())
                .with((events, updated, inserted, groupEvents, upserted, due, published, advanced) -> due);
    }
}
