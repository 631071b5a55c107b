package dev.tocsin.ingest.pipeline;

import dev.tocsin.eventing.Deadlines;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.ReleaseAlert;
import dev.tocsin.ingest.alert.Alert;
import dev.tocsin.ingest.alert.AlertCommand;
import dev.tocsin.ingest.alert.AlertDomainEvent;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertAcknowledged;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertClosed;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertOpened;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertReleased;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertRepeated;
import dev.tocsin.ingest.alert.AlertPublication;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.alert.Classification;
import dev.tocsin.ingest.alert.Decision;
import dev.tocsin.ingest.alert.Disposition;
import dev.tocsin.ingest.pipeline.Decisions.AlertChange;
import dev.tocsin.ingest.release.Releases;
import dev.tocsin.ingest.service.BusinessHoursConfig;
import dev.tocsin.ingest.storm.GroupRow;
import dev.tocsin.ingest.storm.Storm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides a whole batch from what its read phase found, in record order, without I/O and without a
 * clock beyond the batch's decided-at: for each signal the open alert of its dedup key (as the
 * batch left it) and the Alert aggregate decide; a new alert first goes through the steps. Each
 * event is folded once, into the alert's state after it; what that leads to (outbox rows,
 * deadlines, storm groups) is decided here too, so the write phase only stores.
 */
@ApplicationScoped
public class BatchDecider {

    private final List<DecisionStep> steps;
    private final Storm storm;

    @Inject
    BatchDecider(DecisionConfig config, BusinessHoursConfig hours) {
        this.storm = new Storm(config.storm());
        // The steps in the order they decide on a new alert; a release asks those that say onRelease.
        this.steps = List.of(
                new ClassifyStep(),
                new SuppressStep(),
                new FlapStep(config.flapping()),
                storm,
                new HoldStep(hours.defaults(), config.defaultBusinessHours()));
    }

    /** With other steps, for tests; {@code storm} collects the groups whether or not it is among them. */
    BatchDecider(List<DecisionStep> steps, Storm storm) {
        this.steps = List.copyOf(steps);
        this.storm = storm;
    }

    public Decisions decide(DecisionInput input) {
        return new Run(input).decide();
    }

    /** One batch being decided: the alerts as it left them so far. */
    private final class Run {

        private final DecisionInput input;
        private final List<DecisionStep.View> views = new ArrayList<>();
        private final List<DecisionStep.View> onRelease = new ArrayList<>();
        private final Map<String, AlertRow> byKey;
        private final Map<String, Change> changes = new LinkedHashMap<>();
        private final Storm.Groups groups;

        Run(DecisionInput input) {
            this.input = input;
            for (DecisionStep step : steps) {
                DecisionStep.View view = step.view(input);
                views.add(view);
                if (step.onRelease()) {
                    onRelease.add(view);
                }
            }
            this.byKey = new HashMap<>(input.batch().open());
            this.groups = storm.groups(input);
        }

        Decisions decide() {
            Map<Integer, Long> applied = new HashMap<>();
            for (SignalBatch.Item item : input.batch().items()) {
                switch (item.event()) {
                    case AlertSignalReceived signal -> signal(signal);
                    case ReleaseAlert release -> release(release);
                    default -> throw new IllegalArgumentException(
                            item.event().getClass().getSimpleName() + " does not belong on the signals topic");
                }
                applied.merge(item.partition(), item.offset(), Math::max);
            }
            return new Decisions(changes.values().stream().map(Change::decided).toList(), groups.changes(),
                    applied);
        }

        private void signal(AlertSignalReceived signal) {
            AlertRow open = openOf(signal.dedupKey());
            Instant at = signal.receivedAt();
            AlertCommand command = switch (signal.action()) {
                case RESOLVE -> new AlertCommand.Resolve(signal.signalId(), at);
                case ACKNOWLEDGE -> new AlertCommand.Acknowledge(signal.signalId(), signal.source(), at);
                case TRIGGER -> open != null ? new AlertCommand.Trigger(signal, null, null, at)
                        : new AlertCommand.Trigger(signal, input.ids().get(), decideNew(new Candidate(signal.service(),
                                signal.dedupKey(), signal.severity(), signal.labels(), signal.annotations(), at)), at);
            };
            execute(open, command);
        }

        private void release(ReleaseAlert release) {
            if (GroupRow.isGroupKey(release.key())) {
                groups.release(release.alertId());
                return;
            }
            AlertRow open = openOf(release.key());
            if (open == null || !open.id().equals(release.alertId())) {
                return; // resolved meanwhile, or a newer alert of the key: nothing is held any more
            }
            Instant now = input.decidedAt();
            Candidate candidate = new Candidate(open.service(), open.dedupKey(), open.severity(), open.labels(),
                    open.annotations(), now);
            Decision decision = Decision.publish(new Classification(open.urgency(), open.reason(), open.userFacingSlo()));
            for (DecisionStep.View view : onRelease) {
                if (!decision.isFinal()) {
                    decision = view.decide(candidate, decision);
                }
            }
            execute(open, new AlertCommand.Release(release.cause(), decision, now));
        }

        private Decision decideNew(Candidate candidate) {
            Decision decision = null;
            for (DecisionStep.View view : views) {
                if (decision != null && decision.isFinal()) {
                    break;
                }
                decision = view.decide(candidate, decision);
            }
            for (DecisionStep.View view : views) {
                view.decided(candidate, decision);
            }
            return decision;
        }

        private void execute(AlertRow open, AlertCommand command) {
            for (AlertDomainEvent event : Alert.decide(open, command)) {
                AlertRow before = open;
                Change change = changes.computeIfAbsent(event.alertId(), id -> new Change(before));
                open = change.add(event);
                byKey.put(open.dedupKey(), open);
                groups.record(before, event);
            }
        }

        private AlertRow openOf(String dedupKey) {
            AlertRow row = byKey.get(dedupKey);
            return row != null && row.isOpen() ? row : null;
        }
    }

    /** One alert's change as the batch builds it: each event folded once, repeats merged. */
    private static final class Change {

        private final AlertRow before;
        private final List<AlertDomainEvent> events = new ArrayList<>();
        private final List<IntegrationEvent> published = new ArrayList<>();
        private final List<Deadlines.Arm> deadlines = new ArrayList<>();
        /** The state before the last stored event, so a repeat merged into it is folded from there. */
        private AlertRow beforeLast;
        private AlertRow after;

        Change(AlertRow before) {
            this.before = before;
            this.after = before;
        }

        AlertRow add(AlertDomainEvent event) {
            int stored = events.size();
            Alert.appendCoalescing(events, event);
            boolean merged = events.size() == stored;
            if (!merged) {
                beforeLast = after;
            }
            after = Alert.apply(beforeLast, events.get(events.size() - 1));
            if (!merged) {
                AlertPublication.of(beforeLast, event, after).ifPresent(published::add);
                Instant heldUntil = heldUntil(event);
                if (heldUntil != null) {
                    deadlines.add(new Deadlines.Arm(Releases.TICKET, after.id(), heldUntil,
                            Releases.payload(after.dedupKey())));
                }
            }
            return after;
        }

        AlertChange decided() {
            return new AlertChange(before, List.copyOf(events), after, List.copyOf(published), List.copyOf(deadlines));
        }

        private static Instant heldUntil(AlertDomainEvent event) {
            return switch (event) {
                case AlertOpened o -> o.disposition() == Disposition.HELD ? o.heldUntil() : null;
                case AlertReleased r -> r.disposition() == Disposition.HELD ? r.heldUntil() : null;
                case AlertRepeated r -> null;
                case AlertAcknowledged a -> null;
                case AlertClosed c -> null;
            };
        }
    }
}
