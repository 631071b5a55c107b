package dev.tocsin.ingest.pipeline;

import dev.tocsin.eventing.Deadlines;
import dev.tocsin.eventing.EventStore;
import dev.tocsin.eventing.EventStore.Append;
import dev.tocsin.eventing.Outbox;
import dev.tocsin.ingest.alert.Alert;
import dev.tocsin.ingest.alert.AlertDomainEvent;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.alert.store.AlertTable;
import dev.tocsin.ingest.pipeline.Decisions.AlertChange;
import dev.tocsin.ingest.storm.AlertGroup;
import dev.tocsin.ingest.storm.GroupEvent;
import dev.tocsin.ingest.storm.GroupTable;
import dev.tocsin.ingest.storm.Storm.GroupChange;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The write phase of a decision batch: stores what the {@link BatchDecider} decided, deciding
 * nothing. Each table gets one batched statement for the whole batch through its store class, the
 * rows already built, so moving a table to another client changes its store class alone.
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

    /** @param advance whether the partitions' applied offsets move: not on a replay of a parked record */
    /** @return whether a deadline it armed is already due (the engine is woken after the commit) */
    boolean write(Connection c, Decisions decided, boolean advance) throws SQLException {
        List<AlertChange> alerts = decided.alerts();
        store.append(c, Alert.EVENTS, alerts.stream().map(a -> new Append<AlertDomainEvent>(a.after().id(),
                a.before() == null ? 0 : a.before().version(), a.events())).toList());
        // Updates first: an alert closed in this batch leaves its dedup key free for one opened after it.
        AlertTable.update(c, alerts.stream().filter(a -> a.before() != null).map(AlertChange::after).toList());
        AlertTable.insert(c, alerts.stream().filter(a -> a.before() == null).map(AlertChange::after).toList());
        List<GroupChange> groups = decided.groups();
        if (!groups.isEmpty()) {
            store.append(c, AlertGroup.EVENTS, groups.stream().map(g -> new Append<GroupEvent>(g.after().id(),
                    g.before() == null ? 0 : g.before().version(), g.events())).toList());
            GroupTable.upsert(c, groups.stream().map(GroupChange::after).toList());
        }
        boolean due = deadlines.arm(c, decided.deadlines());
        outbox.append(c, decided.published());
        if (advance) {
            SignalOffsets.advance(c, decided.applied());
        }
        return due;
    }
}
