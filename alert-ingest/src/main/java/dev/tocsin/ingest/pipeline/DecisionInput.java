package dev.tocsin.ingest.pipeline;

import dev.tocsin.ingest.alert.store.AlertTable.Firing;
import dev.tocsin.ingest.service.BusinessHours;
import dev.tocsin.ingest.service.ServiceProfile;
import dev.tocsin.ingest.silence.Suppressions;
import dev.tocsin.ingest.storm.GroupRow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything one decision batch needs, read in one phase before anything is decided
 * ({@link DecisionReads}): the {@link BatchDecider} decides from it alone, without a connection.
 *
 * @param profiles the service profiles of {@link SignalBatch#decidedServices()}; a service without one is absent
 * @param suppressions the silences and maintenance windows overlapping the batch's time span
 * @param firings the earlier alerts of each dedup key that may open, oldest first (flap damping)
 * @param pages when the latest PAGE alerts of each service that may open paged, oldest first (storms)
 * @param groups the storm groups the batch may change, by id: the open group of each service that
 *     may open, and those named by releases and open grouped alerts
 * @param ids fresh ids for the alerts and storm groups the batch opens
 */
public record DecisionInput(SignalBatch batch, Map<String, ServiceProfile> profiles, Suppressions suppressions,
        Map<String, List<Firing>> firings, Map<String, List<Instant>> pages, Map<String, GroupRow> groups,
        Supplier<String> ids, Map<String, BusinessHours> teamHours) {

    /** A batch whose services' teams name no business hours. */
    public DecisionInput(SignalBatch batch, Map<String, ServiceProfile> profiles, Suppressions suppressions,
            Map<String, List<Firing>> firings, Map<String, List<Instant>> pages, Map<String, GroupRow> groups,
            Supplier<String> ids) {
        this(batch, profiles, suppressions, firings, pages, groups, ids, Map.of());
    }

    /** A batch whose steps find nothing stored: no profiles, rules, earlier alerts or groups. */
    public static DecisionInput of(SignalBatch batch, Supplier<String> ids) {
        return new DecisionInput(batch, Map.of(), Suppressions.none(), Map.of(), Map.of(), Map.of(), ids);
    }

    public Instant decidedAt() {
        return batch.decidedAt();
    }
}
