package dev.tocsin.ingest.pipeline;

import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.alert.store.AlertTable;
import dev.tocsin.ingest.service.ServiceProfileStore;
import dev.tocsin.ingest.service.TeamHours;
import dev.tocsin.ingest.silence.SuppressionRules;
import dev.tocsin.ingest.silence.Suppressions;
import dev.tocsin.ingest.storm.GroupRow;
import dev.tocsin.ingest.storm.GroupTable;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
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
 * reads the offsets and the open alerts and nothing else. Statements on one connection pipeline, so
 * the reads go in two round trips: the offsets with the open alerts, then what the steps need.
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
    Uni<DecisionInput> read(SqlClient c, List<SignalBatch.Item> items, boolean replay, Supplier<String> ids) {
        Set<String> keys = new LinkedHashSet<>();
        items.forEach(i -> keys.add(i.event().aggregateId()));
        keys.removeIf(GroupRow::isGroupKey);
        // The open alerts are read after the lock on the same connection, so after any batch that
        // held it committed; those of records applied already (a redelivery, rare) are dropped.
        return Uni.combine().all().unis(
                        SignalOffsets.lock(c, items.stream().map(SignalBatch.Item::partition).collect(Collectors.toSet())),
                        AlertTable.findOpen(c, keys))
                .with((applied, open) -> {
                    List<SignalBatch.Item> fresh = replay ? items
                            : items.stream().filter(i -> i.offset() > applied.get(i.partition())).toList();
                    Map<String, AlertRow> freshOpen = new HashMap<>();
                    fresh.forEach(i -> {
                        AlertRow row = open.get(i.event().aggregateId());
                        if (row != null) {
                            freshOpen.put(row.dedupKey(), row);
                        }
                    });
                    return new SignalBatch(fresh, clock.instant(), freshOpen);
                })
                .chain(batch -> batch.items().isEmpty() ? Uni.createFrom().item(DecisionInput.of(batch, ids))
                        : readSteps(c, batch, ids));
    }

    /**
     * In the order the steps decide: classify and hours need the profiles, then silences, flapping
     * and storms their history; the storm groups are what the batch's storms change.
     */
    private Uni<DecisionInput> readSteps(SqlClient c, SignalBatch batch, Supplier<String> ids) {
        Set<String> decided = batch.decidedServices();
        Set<String> opening = batch.openingServices();
        Instant from = batch.from();
        // With storms off no alert joins a group, so neither the latest pages nor the open groups are read.
        boolean storms = config.storm().enabled();
        Uni<Suppressions> suppressions = decided.isEmpty() ? Uni.createFrom().item(Suppressions.none())
                : SuppressionRules.overlapping(c, from, batch.to());
        return Uni.combine().all().unis(
                        ServiceProfileStore.byIds(c, decided),
                        suppressions,
                        AlertTable.seenSince(c, batch.openingKeys(), from.minus(FlapStep.lookBack(config.flapping()))),
                        storms ? AlertTable.latestPages(c, opening, from.minus(config.storm().window()),
                                config.storm().threshold() + 1)
                                : Uni.createFrom().item(Map.<String, List<Instant>>of()),
                        GroupTable.byId(c, batch.touchedGroups()),
                        storms ? GroupTable.openByService(c, opening)
                                : Uni.createFrom().item(Map.<String, GroupRow>of()),
                        TeamHours.byServices(c, decided))
                .with((profiles, rules, firings, pages, touched, openGroups, teamHours) -> {
                    Map<String, GroupRow> groups = new HashMap<>(touched);
                    openGroups.values().forEach(g -> groups.put(g.id(), g));
                    return new DecisionInput(batch, profiles, rules, firings, pages, groups, ids, teamHours);
                });
    }
}
