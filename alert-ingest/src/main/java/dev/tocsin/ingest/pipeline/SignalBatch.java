package dev.tocsin.ingest.pipeline;

import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.ReleaseAlert;
import dev.tocsin.events.signal.SignalAction;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.service.ServiceProfile;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The signals and releases one poll of {@code tocsin.alert-signals} brought, in the order of their
 * partitions, decided together in one transaction.
 *
 * @param decidedAt the clock's time when the batch is decided; releases are decided at it
 * @param open the open alert of each dedup key the batch touches, as stored before it
 * @param profiles the service profiles of every service the batch touches; a service without one is absent
 */
public record SignalBatch(List<Item> items, Instant decidedAt, Map<String, AlertRow> open,
        Map<String, ServiceProfile> profiles) {

    /** One record: a {@link AlertSignalReceived} or a {@link ReleaseAlert}, with its position. */
    public record Item(int partition, long offset, IntegrationEvent event) {
    }

    public Stream<AlertSignalReceived> signals() {
        return items.stream().map(Item::event).filter(AlertSignalReceived.class::isInstance)
                .map(AlertSignalReceived.class::cast);
    }

    /** Services of the batch's signals and of the open alerts it touches. */
    public Set<String> services() {
        return collect(Stream.concat(signals().map(AlertSignalReceived::service),
                open.values().stream().map(AlertRow::service)));
    }

    /** Dedup keys of the batch's triggers: the ones that may open an alert. */
    public Set<String> triggerKeys() {
        return collect(signals().filter(s -> s.action() == SignalAction.TRIGGER).map(AlertSignalReceived::dedupKey));
    }

    /** Every record key of the batch: dedup keys, and storm group keys of releases. */
    public Set<String> keys() {
        return collect(items.stream().map(item -> item.event().aggregateId()));
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
