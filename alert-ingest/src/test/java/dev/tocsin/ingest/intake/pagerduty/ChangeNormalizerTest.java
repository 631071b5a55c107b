package dev.tocsin.ingest.intake.pagerduty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tocsin.events.alert.Link;
import dev.tocsin.events.change.ChangeReceived;
import dev.tocsin.ingest.intake.Fixtures;
import dev.tocsin.ingest.key.IntegrationKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PagerDuty Change Events, from the example of PagerDuty's documentation (pagerduty-change.json). */
class ChangeNormalizerTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final IntegrationKey KEY = new IntegrationKey("key-ci", "checkout", "ci", NOW, null);

    @Test
    void theDocumentedChangeBecomesAChangeOfTheKeysService() {
        var normalized = ChangeNormalizer.normalize(Fixtures.read("pagerduty-change.json", ChangeEvent.class), KEY, NOW);
        assertEquals(List.of(), normalized.errors());
        ChangeReceived change = normalized.change();
        assertEquals("checkout", change.service());
        assertEquals("Build Success: Increase snapshot create timeout to 30 seconds", change.summary());
        assertEquals("acme-build-pipeline-tool-default-i-9999", change.source());
        assertEquals(Instant.parse("2020-07-17T08:42:58.315Z"), change.timestamp());
        assertEquals(Map.of("build_state", "passed", "build_number", "2", "run_time", "1236s"), change.details());
        assertEquals(List.of(new Link("https://acme.pagerduty.dev/build/2", "View more details in Acme!")),
                change.links());
        assertEquals("pagerduty-change-v2", change.format());
        assertEquals(NOW, change.receivedAt());
    }

    @Test
    void aChangeNeedsASummaryOfAtMost1024Characters() {
        var missing = ChangeNormalizer.normalize(new ChangeEvent("k", new ChangeEvent.Payload(null, null, null, null),
                null), KEY, NOW);
        assertNull(missing.change());
        assertEquals("payload.summary", missing.errors().get(0).field());
        var tooLong = ChangeNormalizer.normalize(new ChangeEvent("k", new ChangeEvent.Payload("s".repeat(1025), null,
                null, null), null), KEY, NOW);
        assertEquals("must be at most 1024 characters", tooLong.errors().get(0).message());
        // Without a timestamp the change happened when Tocsin heard of it.
        assertEquals(NOW, ChangeNormalizer.normalize(new ChangeEvent("k", new ChangeEvent.Payload("deploy", null, null,
                null), null), KEY, NOW).change().timestamp());
    }
}
