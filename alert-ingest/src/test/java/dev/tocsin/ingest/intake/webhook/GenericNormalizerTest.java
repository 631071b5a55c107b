package dev.tocsin.ingest.intake.webhook;

import dev.tocsin.eventing.api.Problem;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tocsin's generic webhook, from the example docs/intake.md documents (generic-webhook.json). */
class GenericNormalizerTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final IntegrationKey KEY = new IntegrationKey("key-gen", "checkout", "scripts", NOW, null);

    private static KeyedEvents.Normalized normalize(GenericEvent event) {
        return GenericNormalizer.normalize(event, KEY, IntakeLimits.DEFAULTS, NOW);
    }

    private static GenericEvent event(String action, String summary, String dedupKey, Map<String, String> labels) {
        return new GenericEvent(summary, dedupKey, action, null, labels, null, null, null);
    }

    @Test
    void theDocumentedExampleBecomesASignal() {
        var normalized = normalize(Fixtures.read("generic-webhook.json", GenericEvent.class));
        assertEquals(List.of(), normalized.errors());
        AlertSignalReceived signal = normalized.signal();
        assertEquals(SignalAction.TRIGGER, signal.action());
        assertEquals("checkout/checkout-latency-eu-1", signal.dedupKey());
        assertEquals("checkout-latency-eu-1", normalized.dedupKey());
        assertEquals("Checkout p99 latency above 2 s for 10 minutes", signal.summary());
        assertEquals("critical", signal.severity());
        // severity and source become labels too, so rules and silences can match them.
        assertEquals(Map.of("alertname", "CheckoutLatency", "region", "eu-1", "severity", "critical",
                "source", "synthetics-eu-1"), signal.labels());
        assertEquals(Map.of("p99_ms", 2350, "probe", Map.of("name", "checkout-flow", "step", 4)), signal.details());
        assertEquals(List.of(new Link("https://grafana.example.com/d/checkout", "Checkout dashboard")), signal.links());
        assertEquals("checkout", signal.service());
        assertEquals("generic-webhook", signal.source());
        assertEquals("key-gen", signal.keyId());
    }

    @Test
    void triggerIsTheDefaultActionAndADedupKeyIsMadeWhenAbsent() {
        var normalized = normalize(event(null, "disk full", null, null));
        assertEquals(SignalAction.TRIGGER, normalized.signal().action());
        assertTrue(normalized.dedupKey().matches("[0-9a-f]{32}"));
        assertEquals("checkout/" + normalized.dedupKey(), normalized.signal().dedupKey());
    }

    @Test
    void detailsMayBeAnyJson() {
        // A string or number is kept under "value", so details stay a JSON object downstream.
        assertEquals(Map.of("value", "plain text"), normalize(new GenericEvent("s", null, null, null, null,
                "plain text", null, null)).signal().details());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                // A trigger is for humans: it needs a summary.
                Arguments.of(event("trigger", " ", null, null), "summary"),
                Arguments.of(event("trigger", "s".repeat(1025), null, null), "summary"),
                // Only the three actions.
                Arguments.of(event("close", "s", "k", null), "action"),
                // Following up needs the key of what is followed up.
                Arguments.of(event("resolve", null, null, null), "dedup_key"),
                Arguments.of(event("acknowledge", null, null, null), "dedup_key"),
                Arguments.of(event("trigger", "s", "k".repeat(256), null), "dedup_key"),
                // Labels obey the same rules as every other format's.
                Arguments.of(event("trigger", "s", null, Map.of("bad-name", "x")), "labels"),
                Arguments.of(event("trigger", "s", null, Map.of("team", "x".repeat(1025))), "labels.team"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void anInvalidEventIsNamedByField(GenericEvent event, String field) {
        var normalized = normalize(event);
        assertNull(normalized.signal());
        assertEquals(List.of(field), normalized.errors().stream().map(Problem.FieldError::field).toList());
    }

    @Test
    void resolveNeedsNoSummary() {
        var normalized = normalize(event("resolve", null, "k1", null));
        assertEquals(SignalAction.RESOLVE, normalized.signal().action());
        assertEquals("checkout/k1", normalized.signal().dedupKey());
        assertEquals(NOW, normalized.signal().endsAt());
    }
}
