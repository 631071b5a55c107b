package dev.tocsin.ingest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tocsin.eventing.api.Problem;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.SignalAction;
import dev.tocsin.ingest.intake.alertmanager.PostableAlert;
import dev.tocsin.ingest.key.IntegrationKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Alertmanager API v2 alerts through the normalizer all Alertmanager-shaped formats share. */
class LabeledAlertsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Map<String, String> LABELS = Map.of("alertname", "HighErrorRate", "severity", "critical");
    /** A Prometheus key of its own service that also speaks for checkout. */
    private static final IntegrationKey KEY = new IntegrationKey("key-1", "from-key", List.of("checkout"),
            "prometheus", NOW, null, null, null);

    private static PostableAlert alert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
            Instant endsAt) {
        return new PostableAlert(labels, annotations, time(startsAt), time(endsAt), "http://prometheus/graph");
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.ofHours(2));
    }

    private static Batch batch(PostableAlert... alerts) {
        return LabeledAlerts.normalize(PostableAlert.labeled(Arrays.asList(alerts)), "", PostableAlert.SOURCE, KEY,
                IntakeLimits.DEFAULTS, NOW);
    }

    private static AlertSignalReceived one(PostableAlert alert) {
        Batch batch = batch(alert);
        assertEquals(List.of(), batch.errors());
        return batch.signals().get(0);
    }

    private static Map<String, String> labels(String... nameValues) {
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            labels.put(nameValues[i], nameValues[i + 1]);
        }
        return labels;
    }

    private static Map<String, String> manyLabels(int count) {
        return IntStream.range(0, count).boxed().collect(Collectors.toMap(i -> "l" + i, i -> "v"));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                // Alertmanager needs at least one label to identify an alert.
                Arguments.of(alert(null, null, null, null), "[0].labels"),
                Arguments.of(alert(Map.of(), null, null, null), "[0].labels"),
                // An empty value means no label, so only empty values is no labels at all.
                Arguments.of(alert(Map.of("alertname", ""), null, null, null), "[0].labels"),
                // Label names follow Prometheus' rule; a dash would break every matcher written later.
                Arguments.of(alert(Map.of("bad-name", "x"), null, null, null), "[0].labels"),
                Arguments.of(alert(Map.of("1st", "x"), null, null, null), "[0].labels"),
                // Annotation names follow the same rule.
                Arguments.of(alert(LABELS, Map.of("run book", "x"), null, null), "[0].annotations"),
                // A runaway label set (65 > 64) would bloat every event and index downstream.
                Arguments.of(alert(manyLabels(65), null, null, null), "[0].labels"),
                // A label value is an identity, not a document: 1025 bytes is over the 1 KiB limit.
                Arguments.of(alert(Map.of("alertname", "x".repeat(1025)), null, null, null), "[0].labels.alertname"),
                // Bytes, not characters: 342 three-byte characters are 1026 bytes.
                Arguments.of(alert(Map.of("alertname", "€".repeat(342)), null, null, null), "[0].labels.alertname"),
                // Annotations may be long, but not past 16 KiB.
                Arguments.of(alert(LABELS, Map.of("description", "x".repeat(16385)), null, null),
                        "[0].annotations.description"),
                // An alert cannot end before it starts.
                Arguments.of(alert(LABELS, null, NOW, NOW.minusSeconds(5)), "[0].endsAt"),
                // A JSON null inside the array is not an alert.
                Arguments.of(null, "[0]"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void anInvalidAlertIsNamedByItsJsonPathAndBecomesNoSignal(PostableAlert alert, String field) {
        Batch batch = batch(alert);
        assertEquals(List.of(field), batch.errors().stream().map(Problem.FieldError::field).toList());
        assertEquals(List.of(), batch.signals());
    }

    @Test
    void limitsAreInclusive() {
        // Exactly 64 labels, a 1024-byte value and a 16384-byte annotation are still accepted.
        Map<String, String> labels = manyLabels(63);
        labels.put("alertname", "x".repeat(1024));
        one(alert(labels, Map.of("description", "x".repeat(16384)), null, null));
    }

    @Test
    void eachAlertOfABatchIsDecidedOnItsOwnAndEveryErrorIsNamed() {
        Batch batch = batch(alert(LABELS, null, null, null), alert(Map.of(), null, null, null),
                alert(Map.of("bad-name", "x", "also-bad", "y"), null, null, null),
                alert(LABELS, null, NOW, NOW.minusSeconds(5)), alert(Map.of("alertname", "Second"), null, null, null));
        assertEquals(List.of("[1].labels", "[2].labels", "[2].labels", "[3].endsAt"),
                batch.errors().stream().map(Problem.FieldError::field).toList());
        assertEquals("label name 'also-bad' must match [a-zA-Z_][a-zA-Z0-9_]*", batch.errors().get(1).message());
        // The valid first and last alerts are kept; nothing of the invalid ones is.
        assertEquals(List.of("HighErrorRate", "Second"),
                batch.signals().stream().map(s -> s.labels().get("alertname")).toList());
    }

    static Stream<Arguments> actions() {
        return Stream.of(
                // Prometheus re-sends a firing alert with endsAt a few minutes ahead: still firing.
                Arguments.of(NOW.plusSeconds(240), SignalAction.TRIGGER),
                // No endsAt at all: firing.
                Arguments.of(null, SignalAction.TRIGGER),
                // Prometheus' last send for a resolved alert has endsAt at resolution: resolved.
                Arguments.of(NOW.minusSeconds(1), SignalAction.RESOLVE),
                // An endsAt of exactly now has ended.
                Arguments.of(NOW, SignalAction.RESOLVE));
    }

    @ParameterizedTest(name = "endsAt {0} -> {1}")
    @MethodSource("actions")
    void endsAtDecidesBetweenTriggerAndResolve(Instant endsAt, SignalAction action) {
        assertEquals(action, one(alert(LABELS, null, NOW.minusSeconds(600), endsAt)).action());
    }

    static Stream<Arguments> summaries() {
        return Stream.of(
                // The summary annotation is what rule authors write for humans.
                Arguments.of(Map.of("summary", "S", "description", "D"), LABELS, "S"),
                Arguments.of(Map.of("description", "D"), LABELS, "D"),
                // Without annotations the alert's name is still better than nothing.
                Arguments.of(Map.of(), LABELS, "HighErrorRate"),
                Arguments.of(Map.of("summary", "  "), LABELS, "HighErrorRate"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("summaries")
    void summaryFallsBackFromSummaryToDescriptionToAlertname(Map<String, String> annotations,
            Map<String, String> labels, String summary) {
        assertEquals(summary, one(alert(labels, annotations, null, null)).summary());
    }

    @Test
    void aSignalCarriesTheAlertAsAlertmanagerWouldSeeIt() {
        AlertSignalReceived signal = one(alert(labels("alertname", "HighErrorRate", "service", "checkout",
                "severity", "warning", "instance", ""), Map.of("summary", "Errors"), NOW.minusSeconds(60), null));
        // The empty label is dropped before fingerprinting, as Alertmanager does.
        assertEquals(Map.of("alertname", "HighErrorRate", "service", "checkout", "severity", "warning"), signal.labels());
        // The dedup key is Alertmanager's fingerprint, namespaced by the alert's service.
        assertEquals("checkout/" + Fingerprint.hex(signal.labels()), signal.dedupKey());
        // The service label names the service; the key's service is only the fallback.
        assertEquals("checkout", signal.service());
        assertEquals("warning", signal.severity());
        assertEquals(NOW.minusSeconds(60), signal.startsAt());
        assertEquals(NOW, signal.receivedAt());
        assertEquals("http://prometheus/graph", signal.generatorUrl());
        assertEquals("alertmanager-v2", signal.source());
        // Every signal says which key let it in.
        assertEquals("key-1", signal.keyId());
        assertNull(signal.links());
        assertNull(signal.details());
    }

    @Test
    void withoutAServiceLabelTheIntegrationKeysServiceOwnsTheAlert() {
        assertEquals("from-key", one(alert(LABELS, null, null, null)).service());
    }

    @Test
    void aMissingStartsAtIsTheEndsAtOrNow() {
        // Alertmanager's rule: a resolved alert without startsAt started when it ended.
        assertEquals(NOW.minusSeconds(5), one(alert(LABELS, null, null, NOW.minusSeconds(5))).startsAt());
        assertEquals(NOW, one(alert(LABELS, null, null, null)).startsAt());
    }

    @Test
    void goZeroTimesMeanNotSet() {
        // Go clients send 0001-01-01T00:00:00Z for a time they left unset; it must not resolve the alert.
        Instant zero = Instant.parse("0001-01-01T00:00:00Z");
        AlertSignalReceived signal = one(alert(LABELS, null, zero, zero));
        assertEquals(SignalAction.TRIGGER, signal.action());
        assertNull(signal.endsAt());
        assertEquals(NOW, signal.startsAt());
    }
}
