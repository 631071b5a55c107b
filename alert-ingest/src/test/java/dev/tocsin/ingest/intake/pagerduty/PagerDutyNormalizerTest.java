package dev.tocsin.ingest.intake.pagerduty;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.events.EventJson;
import dev.tocsin.events.alert.Image;
import dev.tocsin.events.alert.Link;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.SignalAction;
import dev.tocsin.ingest.intake.Fixtures;
import dev.tocsin.ingest.intake.IntakeLimits;
import dev.tocsin.ingest.intake.KeyedEvents;
import dev.tocsin.ingest.key.IntegrationKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PagerDuty Events API v2, from the trigger, acknowledge and resolve examples of PagerDuty's
 * documentation (pagerduty-*.json; see src/test/resources/formats/README.md).
 */
class PagerDutyNormalizerTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final IntegrationKey KEY = new IntegrationKey("key-pd", "checkout", "pagerduty", NOW, null);

    private static KeyedEvents.Normalized normalize(String fixture) {
        return PagerDutyNormalizer.normalize(Fixtures.read(fixture, PagerDutyEvent.class), KEY, IntakeLimits.DEFAULTS,
                NOW);
    }

    /** The documented trigger example with one change made to its JSON. */
    private static KeyedEvents.Normalized changed(Consumer<ObjectNode> change) {
        try {
            ObjectNode event = (ObjectNode) EventJson.MAPPER.readTree(Fixtures.bytes("pagerduty-trigger.json"));
            change.accept(event);
            return PagerDutyNormalizer.normalize(EventJson.MAPPER.treeToValue(event, PagerDutyEvent.class), KEY,
                    IntakeLimits.DEFAULTS, NOW);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode payload(ObjectNode event) {
        return (ObjectNode) event.get("payload");
    }

    @Test
    void theDocumentedTriggerBecomesASignalWithEverythingItCarries() {
        var normalized = normalize("pagerduty-trigger.json");
        assertEquals(List.of(), normalized.errors());
        AlertSignalReceived signal = normalized.signal();
        assertEquals(SignalAction.TRIGGER, signal.action());
        // PagerDuty scopes dedup keys to a service; the answer echoes the caller's own key.
        assertEquals("checkout/samplekeyhere", signal.dedupKey());
        assertEquals("samplekeyhere", normalized.dedupKey());
        assertEquals("checkout", signal.service());
        assertEquals("Example alert on host1.example.com", signal.summary());
        assertEquals(Map.of("summary", "Example alert on host1.example.com"), signal.annotations());
        assertEquals("info", signal.severity());
        assertEquals(Map.of("severity", "info", "source",
                "monitoringtool:cloudvendor:central-region-dc-01:852559987:cluster/api-stats-prod-003",
                "component", "postgres", "group", "prod-datapipe", "class", "deploy"), signal.labels());
        // PagerDuty's own example writes the offset without a colon.
        assertEquals(Instant.parse("2015-07-17T08:42:58.315Z"), signal.startsAt());
        assertEquals(Map.of("ping time", "1500ms", "load avg", 0.75), signal.details());
        assertEquals(List.of(new Link("https://example.com/", "Link text"),
                new Link("https://monitoring.example.com", "Sample Monitoring Service")), signal.links());
        assertEquals(List.of(new Image("https://www.pagerduty.com/wp-content/uploads/2016/05/pagerduty-logo-green.png",
                "https://example.com/", "Example text")), signal.images());
        assertNull(signal.endsAt());
        assertEquals("pagerduty-events-v2", signal.source());
        assertEquals("key-pd", signal.keyId());
    }

    @Test
    void aTriggerWithoutDedupKeyGetsOneAndItIsReturned() {
        var normalized = normalize("pagerduty-trigger-minimal.json");
        assertTrue(normalized.dedupKey().matches("[0-9a-f]{32}"), normalized.dedupKey());
        assertEquals("checkout/" + normalized.dedupKey(), normalized.signal().dedupKey());
        // Without a timestamp the alert started when Tocsin received it.
        assertEquals(NOW, normalized.signal().startsAt());
        assertNull(normalized.signal().details());
        assertNull(normalized.signal().links());
    }

    static Stream<Arguments> followUps() {
        return Stream.of(
                // acknowledge stops escalation; the pipeline turns it into AcknowledgePage.
                Arguments.of("pagerduty-acknowledge.json", SignalAction.ACKNOWLEDGE, null),
                // resolve ends the alert now.
                Arguments.of("pagerduty-resolve.json", SignalAction.RESOLVE, NOW));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("followUps")
    void acknowledgeAndResolveNeedOnlyTheDedupKey(String fixture, SignalAction action, Instant endsAt) {
        var normalized = normalize(fixture);
        assertEquals(List.of(), normalized.errors());
        assertEquals(action, normalized.signal().action());
        // The same scoped key as the trigger's, so it finds the trigger's alert.
        assertEquals("checkout/samplekeyhere", normalized.signal().dedupKey());
        assertEquals(endsAt, normalized.signal().endsAt());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                // PagerDuty knows three actions only.
                Arguments.of((Consumer<ObjectNode>) e -> e.put("event_action", "escalate"),
                        List.of("'event_action' must be one of trigger, acknowledge, resolve")),
                // dedup_key is at most 255 characters.
                Arguments.of((Consumer<ObjectNode>) e -> e.put("dedup_key", "k".repeat(256)),
                        List.of("'dedup_key' must be at most 255 characters")),
                // A trigger needs a payload at all.
                Arguments.of((Consumer<ObjectNode>) e -> e.remove("payload"), List.of("'payload' is required to trigger")),
                // ... with a summary of at most 1024 characters ...
                Arguments.of((Consumer<ObjectNode>) e -> payload(e).remove("summary"),
                        List.of("'payload.summary' is required")),
                Arguments.of((Consumer<ObjectNode>) e -> payload(e).put("summary", "s".repeat(1025)),
                        List.of("'payload.summary' must be at most 1024 characters")),
                // ... a source ...
                Arguments.of((Consumer<ObjectNode>) e -> payload(e).put("source", " "),
                        List.of("'payload.source' is required to trigger")),
                // ... and one of PagerDuty's four severities.
                Arguments.of((Consumer<ObjectNode>) e -> payload(e).put("severity", "high"),
                        List.of("'payload.severity' must be one of critical, error, warning, info")),
                Arguments.of((Consumer<ObjectNode>) e -> payload(e).remove("severity"),
                        List.of("'payload.severity' must be one of critical, error, warning, info")),
                // A timestamp that is not ISO 8601.
                Arguments.of((Consumer<ObjectNode>) e -> payload(e).put("timestamp", "yesterday"),
                        List.of("'payload.timestamp' must be an ISO 8601 date-time with an offset")),
                // Labels taken from the payload obey the label value limit.
                Arguments.of((Consumer<ObjectNode>) e -> payload(e).put("component", "c".repeat(1025)),
                        List.of("'payload.component' must be at most 1024 bytes")),
                // A link needs its href, an image its src.
                Arguments.of((Consumer<ObjectNode>) e -> ((ArrayNode) e.get("links")).addObject().put("text", "no href"),
                        List.of("'links[1].href' is required")),
                Arguments.of((Consumer<ObjectNode>) e -> ((ArrayNode) e.get("images")).addObject().put("alt", "no src"),
                        List.of("'images[1].src' is required")),
                // acknowledge and resolve need the dedup key of what they follow up.
                Arguments.of((Consumer<ObjectNode>) e -> e.put("event_action", "resolve").remove("dedup_key"),
                        List.of("'dedup_key' is required to resolve")),
                // Every error is listed, not only the first.
                Arguments.of((Consumer<ObjectNode>) e -> payload(e).put("severity", "high").remove("source"),
                        List.of("'payload.source' is required to trigger",
                                "'payload.severity' must be one of critical, error, warning, info")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void anInvalidEventIsRefusedWithPagerDutysErrorList(Consumer<ObjectNode> change, List<String> errors) {
        var normalized = changed(change);
        assertNull(normalized.signal());
        assertEquals(errors, normalized.errors().stream().map(e -> "'" + e.field() + "' " + e.message()).toList());
    }

    @Test
    void aResolveIgnoresATriggersPayloadRules() {
        // PagerDuty reads the payload only on trigger; a resolve carrying a partial one is still fine.
        var normalized = changed(e -> {
            e.put("event_action", "resolve");
            payload(e).remove("severity");
        });
        assertEquals(List.of(), normalized.errors());
        assertEquals(Map.of(), normalized.signal().labels());
    }
}
