package dev.tocsin.ingest.pipeline;

import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.ReleaseAlert;
import dev.tocsin.ingest.alert.Alert;
import dev.tocsin.ingest.alert.AlertCommand;
import dev.tocsin.ingest.alert.AlertDomainEvent;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertClosed;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertOpened;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.alert.Classification;
import dev.tocsin.ingest.alert.Decision;
import dev.tocsin.ingest.alert.Disposition;
import dev.tocsin.ingest.storm.GroupRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides a whole batch in memory, in record order: for each signal the open alert of its dedup key
 * (as the batch left it) and the Alert aggregate decide; a new alert first goes through the
 * {@link DecisionStep}s. No I/O: what the steps needed was read before, and what was decided is
 * written after, in one transaction.
 */
final class BatchDecider {

    /** A step's view of the batch, and whether it decides again on releases. */
    record Step(DecisionStep.View view, boolean onRelease) {
    }

    /**
     * One alert's events in this batch and its state before them. Repeats are merged as they come
     * ({@link Alert#appendCoalescing}), so the events are the ones stored and {@link #after()} is the row
     * they make, version included.
     */
    record Change(AlertRow before, List<AlertDomainEvent> events) {

        AlertRow after() {
            AlertRow state = before;
            for (AlertDomainEvent event : events) {
                state = Alert.apply(state, event);
            }
            return state;
        }
    }

    /** What the batch did to one storm group's membership; service and time matter when it opens. */
    record Membership(String groupId, String service, Instant at, List<String> joined, List<String> resolved) {
    }

    private final List<Step> steps;
    private final Map<String, AlertRow> byKey;
    private final Supplier<String> newId;
    private final Map<String, Change> changes = new LinkedHashMap<>();
    private final Map<String, Membership> memberships = new LinkedHashMap<>();
    private final Set<String> groupReleases = new LinkedHashSet<>();

    /** @param open the open alert of each dedup key the batch touches, as stored */
    BatchDecider(List<Step> steps, Map<String, AlertRow> open, Supplier<String> newId) {
        this.steps = steps;
        this.byKey = new LinkedHashMap<>(open);
        this.newId = newId;
    }

    void decide(SignalBatch batch) {
        for (SignalBatch.Item item : batch.items()) {
            if (item.event() instanceof AlertSignalReceived signal) {
                signal(signal);
            } else if (item.event() instanceof ReleaseAlert release) {
                release(release, batch.decidedAt());
            }
        }
    }

    Map<String, Change> changes() {
        return changes;
    }

    Map<String, Membership> memberships() {
        return memberships;
    }

    /** Storm groups whose group wait passed: they are published now if still open. */
    Set<String> groupReleases() {
        return groupReleases;
    }

    private void signal(AlertSignalReceived signal) {
        AlertRow open = openOf(signal.dedupKey());
        Instant at = signal.receivedAt();
        AlertCommand command = switch (signal.action()) {
            case RESOLVE -> new AlertCommand.Resolve(signal.signalId(), at);
            case ACKNOWLEDGE -> new AlertCommand.Acknowledge(signal.signalId(), signal.source(), at);
            case TRIGGER -> open != null ? new AlertCommand.Trigger(signal, null, null, at)
                    : new AlertCommand.Trigger(signal, newId.get(), decideNew(new Candidate(signal.service(),
                            signal.dedupKey(), signal.severity(), signal.labels(), signal.annotations(), at)), at);
        };
        execute(open, command);
    }

    private void release(ReleaseAlert release, Instant now) {
        if (GroupRow.isGroupKey(release.key())) {
            groupReleases.add(release.alertId());
            return;
        }
        AlertRow open = openOf(release.key());
        if (open == null || !open.id().equals(release.alertId())) {
            return; // resolved meanwhile, or a newer alert of the key: nothing is held any more
        }
        Candidate candidate = new Candidate(open.service(), open.dedupKey(), open.severity(), open.labels(),
                open.annotations(), now);
        Decision decision = Decision.publish(new Classification(open.urgency(), open.reason()));
        for (Step step : steps) {
            if (step.onRelease() && !decision.isFinal()) {
                decision = step.view().decide(candidate, decision);
            }
        }
        execute(open, new AlertCommand.Release(release.cause(), decision, now));
    }

    private Decision decideNew(Candidate candidate) {
        Decision decision = null;
        for (Step step : steps) {
            if (decision != null && decision.isFinal()) {
                break;
            }
            decision = step.view().decide(candidate, decision);
        }
        for (Step step : steps) {
            step.view().decided(candidate, decision);
        }
        return decision;
    }

    private void execute(AlertRow open, AlertCommand command) {
        AlertRow state = open;
        for (AlertDomainEvent event : Alert.decide(open, command)) {
            AlertRow before = state;
            state = Alert.apply(before, event);
            record(before, event, state);
        }
    }

    private void record(AlertRow before, AlertDomainEvent event, AlertRow after) {
        Change change = changes.computeIfAbsent(after.id(), id -> new Change(before, new ArrayList<>()));
        Alert.appendCoalescing(change.events(), event);
        byKey.put(after.dedupKey(), after);
        if (event instanceof AlertOpened opened && opened.disposition() == Disposition.GROUPED) {
            membership(opened.groupId(), opened.service(), opened.openedAt())
                    .joined().add(opened.alertId());
        } else if (event instanceof AlertClosed closed && before.disposition() == Disposition.GROUPED) {
            membership(before.groupId(), before.service(), closed.closedAt()).resolved().add(before.id());
        }
    }

    private Membership membership(String groupId, String service, Instant at) {
        return memberships.computeIfAbsent(groupId,
                id -> new Membership(id, service, at, new ArrayList<>(), new ArrayList<>()));
    }

    private AlertRow openOf(String dedupKey) {
        AlertRow row = byKey.get(dedupKey);
        return row != null && row.isOpen() ? row : null;
    }
}
