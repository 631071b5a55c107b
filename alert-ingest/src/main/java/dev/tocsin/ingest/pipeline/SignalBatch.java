package dev.tocsin.ingest.pipeline;

import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.ReleaseAlert;
import dev.tocsin.events.signal.SignalAction;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.alert.Disposition;
import dev.tocsin.ingest.storm.GroupRow;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The signals and releases of one poll of {@code tocsin.alert-signals} not applied yet, in the
 * order of their partitions, with the open alerts of their dedup keys: what the rest of the read
 * phase is derived from ({@link DecisionReads}).
 *
 * @param decidedAt the clock's time when the batch is decided, read once; releases are decided at it
 * @param open the open alert of each dedup key the batch touches, as stored before it
 */
public record SignalBatch(List<Item> items, Instant decidedAt, Map<String, AlertRow> open) {

    /** One record: a {@link AlertSignalReceived} or a {@link ReleaseAlert}, with its position. */
    public record Item(int partition, long offset, IntegrationEvent event) {
    }

    public Stream<AlertSignalReceived> signals() {
        return items.stream().map(Item::event).filter(AlertSignalReceived.class::isInstance)
                .map(AlertSignalReceived.class::cast);
    }

    public Stream<ReleaseAlert> releases() {
        return items.stream().map(Item::event).filter(ReleaseAlert.class::isInstance).map(ReleaseAlert.class::cast);
    }

    /**
     * Dedup keys that may open a new alert in this batch: a trigger with no open alert, or one whose
     * open alert a resolve of the batch may close first. A repeat of an open alert opens nothing, so
     * a batch of repeats — what Prometheus sends most — gives the steps nothing to read.
     */
    public Set<String> openingKeys() {
        Set<String> resolved = collect(signals().filter(s -> s.action() == SignalAction.RESOLVE)
                .map(AlertSignalReceived::dedupKey));
        return collect(signals().filter(s -> s.action() == SignalAction.TRIGGER)
                .map(AlertSignalReceived::dedupKey)
                .filter(key -> !open.containsKey(key) || resolved.contains(key)));
    }

    /** Services of the alerts that may open in this batch. */
    public Set<String> openingServices() {
        Set<String> opening = openingKeys();
        return collect(signals().filter(s -> opening.contains(s.dedupKey())).map(AlertSignalReceived::service));
    }

    /** Services whose alerts the steps may decide: those that may open, and open ones a release names. */
    public Set<String> decidedServices() {
        return collect(Stream.concat(openingServices().stream(),
                releases().map(r -> open.get(r.key())).filter(Objects::nonNull).map(AlertRow::service)));
    }

    /**
     * Storm groups the batch may change, besides the open group of an opening service: those a due
     * group release names, and those of open grouped alerts a resolve of the batch may close.
     */
    public Set<String> touchedGroups() {
        Set<String> resolved = collect(signals().filter(s -> s.action() == SignalAction.RESOLVE)
                .map(AlertSignalReceived::dedupKey));
        return collect(Stream.concat(
                releases().filter(r -> GroupRow.isGroupKey(r.key())).map(ReleaseAlert::alertId),
                open.values().stream().filter(a -> a.disposition() == Disposition.GROUPED)
                        .filter(a -> resolved.contains(a.dedupKey()))
                        .map(AlertRow::groupId).filter(Objects::nonNull)));
    }

    /** The earliest instant the batch decides about. */
    public Instant from() {
        return signals().map(AlertSignalReceived::receivedAt).reduce(decidedAt, (a, b) -> a.isBefore(b) ? a : b);
    }

    /** The latest instant the batch decides about. */
    public Instant to() {
        return signals().map(AlertSignalReceived::receivedAt).reduce(decidedAt, (a, b) -> a.isAfter(b) ? a : b);
    }

    private static Set<String> collect(Stream<String> values) {
        Set<String> set = new LinkedHashSet<>();
        values.forEach(set::add);
        return set;
    }
}
