package dev.tocsin.ingest.pipeline;

import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.alert.store.AlertTable;
import dev.tocsin.ingest.alert.store.AlertTable.Firing;
import dev.tocsin.ingest.service.ServiceProfile;
import dev.tocsin.ingest.service.ServiceProfileStore;
import dev.tocsin.ingest.silence.SuppressionRules;
import dev.tocsin.ingest.silence.Suppressions;
import dev.tocsin.ingest.storm.GroupRow;
import dev.tocsin.ingest.storm.GroupTable;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The read phase of a decision batch: everything the decision needs, read on the batch's
 * connection before anything is decided, each table through its one store class. What a step reads
 * is derived from the batch, so a batch of repeats of open alerts — what Prometheus sends most —
 * reads the offsets and the open alerts and nothing else.
 */
@ApplicationScoped
class DecisionReads {

    private final DecisionConfig config;
    private final Clock clock;

    DecisionReads(DecisionConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * Locks the partitions' applied offsets and reads what the records not applied yet need; all of
     * them on a replay, whose record is past its partition's offset.
     */
    DecisionInput read(Connection c, List<SignalBatch.Item> items, boolean replay, Supplier<String> ids)
            throws SQLException {
        Map<Integer, Long> applied = SignalOffsets.lock(c,
                items.stream().map(SignalBatch.Item::partition).collect(Collectors.toSet()));
        List<SignalBatch.Item> fresh = replay ? items
                : items.stream().filter(i -> i.offset() > applied.get(i.partition())).toList();
        if (fresh.isEmpty()) {
            return DecisionInput.of(new SignalBatch(fresh, clock.instant(), Map.of()), ids);
        }
        Set<String> keys = new LinkedHashSet<>();
        fresh.forEach(i -> keys.add(i.event().aggregateId()));
        keys.removeIf(GroupRow::isGroupKey);
        Map<String, AlertRow> open = AlertTable.findOpen(c, keys);
        SignalBatch batch = new SignalBatch(fresh, clock.instant(), open);

        // In the order the steps decide: classify and hours need the profiles, then silences,
        // flapping and storms their history; the storm groups are what the batch's storms change.
        Set<String> decided = batch.decidedServices();
        Set<String> opening = batch.openingServices();
        Instant from = batch.from();
        Map<String, ServiceProfile> profiles = ServiceProfileStore.byIds(c, decided);
        Suppressions suppressions = decided.isEmpty() ? Suppressions.none()
                : SuppressionRules.overlapping(c, from, batch.to());
        Map<String, List<Firing>> firings = AlertTable.seenSince(c, batch.openingKeys(),
                from.minus(FlapStep.lookBack(config.flapping())));
        Map<String, List<Instant>> pages = AlertTable.latestPages(c, opening, from.minus(config.storm().window()),
                config.storm().threshold() + 1);
        Map<String, GroupRow> groups = new HashMap<>(GroupTable.byId(c, batch.touchedGroups()));
        GroupTable.openByService(c, opening).values().forEach(g -> groups.put(g.id(), g));
        return new DecisionInput(batch, profiles, suppressions, firings, pages, groups, ids);
    }
}
