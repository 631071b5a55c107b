package dev.tocsin.ingest.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.ReleaseAlert;
import dev.tocsin.events.signal.SignalAction;
import dev.tocsin.ingest.alert.Alert;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.alert.Disposition;
import dev.tocsin.ingest.storm.GroupRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a batch's read phase reads follows from the batch: the keys, services and storm groups it
 * may change, and nothing a batch of repeats does not need.
 */
class SignalBatchTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private final List<SignalBatch.Item> items = new ArrayList<>();

    private void signal(String key, String service, SignalAction action) {
        items.add(new SignalBatch.Item(0, items.size(), new AlertSignalReceived(UUID.randomUUID(), key, action,
                service, "summary", "critical", Map.of(), Map.of(), T0, null, null, "test", T0)));
    }

    private static AlertRow open(String key, String service, Disposition disposition, String groupId) {
        return new AlertRow("id-" + key, key, service, Alert.Status.OPEN, "summary", "critical", Urgency.PAGE,
                "why", Map.of(), Map.of(), "test", 1, 1, T0, T0, null, null, null, null, null, null, disposition,
                null, null, null, groupId, null, null, null);
    }

    @Test
    void aBatchOfRepeatsOfOpenAlertsNeedsNoStepReads() {
        // What Prometheus sends most: re-sends of firing alerts. No profile, rule, history or group is read.
        signal("a", "checkout", SignalAction.TRIGGER);
        signal("b", "payments", SignalAction.TRIGGER);
        SignalBatch batch = new SignalBatch(items, T0, Map.of("a", open("a", "checkout", Disposition.PUBLISHED, null),
                "b", open("b", "payments", Disposition.GROUPED, "g1")));
        assertEquals(Set.of(), batch.openingKeys());
        assertEquals(Set.of(), batch.decidedServices());
        assertEquals(Set.of(), batch.touchedGroups());
    }

    @Test
    void aTriggerAfterAResolveOfTheSameBatchMayOpen() {
        signal("a", "checkout", SignalAction.RESOLVE);
        signal("a", "checkout", SignalAction.TRIGGER);
        signal("new", "payments", SignalAction.TRIGGER);
        SignalBatch batch = new SignalBatch(items, T0, Map.of("a", open("a", "checkout", Disposition.PUBLISHED, null)));
        assertEquals(Set.of("a", "new"), batch.openingKeys());
        assertEquals(Set.of("checkout", "payments"), batch.openingServices());
    }

    @Test
    void theGroupsAResolveOrAGroupReleaseMayChangeAreRead() {
        // A grouped member that resolves leaves its group; a due group release publishes one.
        signal("member", "checkout", SignalAction.RESOLVE);
        items.add(new SignalBatch.Item(0, items.size(),
                new ReleaseAlert(GroupRow.keyOf("payments"), "g2", "the storm group's wait passed", T0)));
        SignalBatch batch = new SignalBatch(items, T0,
                Map.of("member", open("member", "checkout", Disposition.GROUPED, "g1")));
        assertEquals(Set.of("g1", "g2"), batch.touchedGroups());
    }

    @Test
    void aReleaseDecidesItsAlertsServiceAgain() {
        items.add(new SignalBatch.Item(0, 0, new ReleaseAlert("held", "id-held", "business hours began", T0)));
        SignalBatch batch = new SignalBatch(items, T0, Map.of("held", open("held", "checkout", Disposition.HELD, null)));
        assertEquals(Set.of("checkout"), batch.decidedServices());
        assertEquals(Set.of(), batch.openingKeys());
    }
}
