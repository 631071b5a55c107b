package dev.tocsin.ingest.pipeline;

import dev.tocsin.eventing.Deadlines;
import dev.tocsin.eventing.EventStore;
import dev.tocsin.eventing.EventStore.Append;
import dev.tocsin.eventing.Outbox;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.ingest.alert.Alert;
import dev.tocsin.ingest.alert.AlertDomainEvent;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertOpened;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertReleased;
import dev.tocsin.ingest.alert.AlertPublication;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.alert.Disposition;
import dev.tocsin.ingest.alert.store.AlertTable;
import dev.tocsin.ingest.release.Releases;
import dev.tocsin.ingest.service.ServiceProfiles;
import dev.tocsin.ingest.storm.AlertGroup;
import dev.tocsin.ingest.storm.GroupEvent;
import dev.tocsin.ingest.storm.GroupPublication;
import dev.tocsin.ingest.storm.GroupRow;
import dev.tocsin.ingest.storm.GroupTable;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Decides one batch of {@code tocsin.alert-signals} records and writes what it decided in one
 * PostgreSQL transaction, with plain JDBC batches: the applied offsets, the Alert and AlertGroup
 * events, both projections, the outbox rows to publish and the deadlines of held-back alerts. A
 * batch commits whole or not at all, and its records are then never applied again.
 */
@ApplicationScoped
public class BatchPipeline {

    private final AgroalDataSource dataSource;
    private final List<DecisionStep> steps;
    private final StormStep storm;
    private final EventStore store;
    private final Outbox outbox;
    private final Deadlines deadlines;
    private final Clock clock;

    BatchPipeline(AgroalDataSource dataSource, Instance<DecisionStep> steps, StormStep storm, EventStore store,
            Outbox outbox, Deadlines deadlines, Clock clock) {
        this.dataSource = dataSource;
        this.steps = steps.stream().sorted(Comparator.comparingInt(DecisionStep::order)).toList();
        this.storm = storm;
        this.store = store;
        this.outbox = outbox;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /** What a committed batch decided: each alert's events as stored, for metrics. */
    public record Outcome(List<List<AlertDomainEvent>> alerts, int applied, int skipped) {
    }

    public Outcome process(List<SignalBatch.Item> items) throws SQLException {
        return inTransaction(items, false);
    }

    /**
     * Decides a record again that was parked (its partition's offset is past it), as a batch of
     * one, after a fix. The partition's row is still locked, so it is decided between two batches
     * of the live consumer, never beside one; the applied offset stays where it is.
     */
    public Outcome replay(SignalBatch.Item item) throws SQLException {
        return inTransaction(List.of(item), true);
    }

    private Outcome inTransaction(List<SignalBatch.Item> items, boolean replay) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Outcome outcome = decideAndWrite(connection, items, replay);
                connection.commit();
                return outcome;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private Outcome decideAndWrite(Connection c, List<SignalBatch.Item> items, boolean replay) throws SQLException {
        Map<Integer, Long> applied = SignalOffsets.lock(c,
                items.stream().map(SignalBatch.Item::partition).collect(Collectors.toSet()));
        List<SignalBatch.Item> fresh = replay ? items
                : items.stream().filter(i -> i.offset() > applied.get(i.partition())).toList();
        if (fresh.isEmpty()) {
            return new Outcome(List.of(), 0, items.size());
        }
        Set<String> keys = new LinkedHashSet<>();
        fresh.forEach(i -> keys.add(i.event().aggregateId()));
        keys.removeIf(GroupRow::isGroupKey);
        Map<String, AlertRow> open = AlertTable.findOpen(c, keys);
        SignalBatch read = SignalBatch.of(fresh, clock.instant(), open);
        SignalBatch batch = read.withProfiles(ServiceProfiles.load(c, read.decidedServices()));
        List<BatchDecider.Step> views = new ArrayList<>();
        for (DecisionStep step : steps) {
            views.add(new BatchDecider.Step(step.prepare(c, batch), step.onRelease()));
        }
        BatchDecider decider = new BatchDecider(views, open, () -> UUID.randomUUID().toString());
        decider.decide(batch);

        List<IntegrationEvent> published = new ArrayList<>();
        List<Deadlines.Arm> arms = new ArrayList<>();
        List<List<AlertDomainEvent>> decided = writeAlerts(c, decider, published, arms);
        writeGroups(c, decider, batch.decidedAt(), published, arms);
        deadlines.arm(c, arms);
        outbox.append(c, published);
        if (!replay) {
            Map<Integer, Long> last = new HashMap<>();
            fresh.forEach(i -> last.merge(i.partition(), i.offset(), Math::max));
            SignalOffsets.advance(c, last);
        }
        return new Outcome(decided, fresh.size(), items.size() - fresh.size());
    }

    private List<List<AlertDomainEvent>> writeAlerts(Connection c, BatchDecider decider,
            List<IntegrationEvent> published, List<Deadlines.Arm> arms) throws SQLException {
        List<Append<AlertDomainEvent>> appends = new ArrayList<>();
        List<AlertRow> inserted = new ArrayList<>();
        List<AlertRow> updated = new ArrayList<>();
        List<List<AlertDomainEvent>> decided = new ArrayList<>();
        for (BatchDecider.Change change : decider.changes().values()) {
            List<AlertDomainEvent> events = change.events();
            AlertRow state = change.before();
            for (AlertDomainEvent event : events) {
                AlertRow before = state;
                state = Alert.apply(before, event);
                AlertPublication.of(before, event, state).ifPresent(published::add);
                Instant heldUntil = heldUntil(event);
                if (heldUntil != null) {
                    arms.add(new Deadlines.Arm(Releases.TICKET, state.id(), heldUntil,
                            Releases.payload(state.dedupKey())));
                }
            }
            appends.add(new Append<>(state.id(), change.before() == null ? 0 : change.before().version(), events));
            (change.before() == null ? inserted : updated).add(state);
            decided.add(events);
        }
        store.append(c, Alert.EVENTS, appends);
        // Updates first: an alert closed in this batch leaves its dedup key free for one opened after it.
        AlertTable.update(c, updated);
        AlertTable.insert(c, inserted);
        return decided;
    }

    private void writeGroups(Connection c, BatchDecider decider, Instant now, List<IntegrationEvent> published,
            List<Deadlines.Arm> arms) throws SQLException {
        Set<String> ids = new HashSet<>(decider.memberships().keySet());
        ids.addAll(decider.groupReleases());
        if (ids.isEmpty()) {
            return;
        }
        Map<String, GroupRow> stored = GroupTable.byId(c, ids);
        Map<String, List<GroupEvent>> changes = new HashMap<>();
        Map<String, GroupRow> states = new HashMap<>(stored);
        for (BatchDecider.Membership m : decider.memberships().values()) {
            GroupRow group = stored.get(m.groupId());
            List<GroupEvent> events = new ArrayList<>();
            if (!m.joined().isEmpty()) {
                events.addAll(AlertGroup.join(group, m.groupId(), m.service(), storm.groupReason(m.service()),
                        m.joined(), m.at()));
            }
            GroupRow state = fold(group, events);
            if (!m.resolved().isEmpty()) {
                List<GroupEvent> resolved = AlertGroup.resolve(state, m.resolved(), m.at());
                events.addAll(resolved);
                state = fold(state, resolved);
            }
            if (group == null && state != null) {
                arms.add(new Deadlines.Arm(Releases.GROUP, state.id(), storm.publishAt(state.openedAt()),
                        Releases.payload(state.key())));
            }
            changes.put(m.groupId(), events);
            states.put(m.groupId(), state);
        }
        for (String id : decider.groupReleases()) {
            List<GroupEvent> events = AlertGroup.publish(states.get(id), now);
            changes.computeIfAbsent(id, k -> new ArrayList<>()).addAll(events);
            states.put(id, fold(states.get(id), events));
        }
        List<Append<GroupEvent>> appends = new ArrayList<>();
        List<GroupRow> rows = new ArrayList<>();
        for (Map.Entry<String, List<GroupEvent>> change : changes.entrySet()) {
            if (change.getValue().isEmpty()) {
                continue;
            }
            GroupRow before = stored.get(change.getKey());
            GroupRow after = states.get(change.getKey());
            appends.add(new Append<>(change.getKey(), before == null ? 0 : before.version(), change.getValue()));
            rows.add(after);
            published.addAll(GroupPublication.of(before, change.getValue(), after, now));
        }
        store.append(c, AlertGroup.EVENTS, appends);
        GroupTable.upsert(c, rows);
    }

    private static GroupRow fold(GroupRow state, List<GroupEvent> events) {
        for (GroupEvent event : events) {
            state = AlertGroup.apply(state, event);
        }
        return state;
    }

    private static Instant heldUntil(AlertDomainEvent event) {
        if (event instanceof AlertOpened o && o.disposition() == Disposition.HELD) {
            return o.heldUntil();
        }
        if (event instanceof AlertReleased r && r.disposition() == Disposition.HELD) {
            return r.heldUntil();
        }
        return null;
    }
}
