package dev.tocsin.ingest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.eventing.api.Problem;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.SignalAction;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertmanagerNormalizerTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private static PostableAlert alert(Map<String, String> labels, Instant startsAt, Instant endsAt) {
        return new PostableAlert(labels, Map.of("summary", "Checkout error rate 12%"),
                startsAt == null ? null : startsAt.atOffset(ZoneOffset.UTC),
                endsAt == null ? null : endsAt.atOffset(ZoneOffset.UTC), "http://prometheus/graph");
    }

    @Test
    void aFiringAlertBecomesATriggerKeyedByItsFingerprint() {
        Map<String, String> labels = Map.of("alertname", "HighErrorRate", "service", "checkout", "severity", "critical");
        AlertSignalReceived signal = AlertmanagerNormalizer.normalize(
                List.of(alert(labels, NOW.minusSeconds(60), NOW.plusSeconds(240))), "other", NOW).get(0);
        // Prometheus re-sends firing alerts with endsAt in the future: that is still firing.
        assertEquals(SignalAction.TRIGGER, signal.action());
        assertEquals(Fingerprint.hex(labels), signal.dedupKey());
        assertEquals("checkout", signal.service());
        assertEquals("Checkout error rate 12%", signal.summary());
        assertEquals("critical", signal.severity());
    }

    @Test
    void aPastEndsAtResolves() {
        AlertSignalReceived signal = AlertmanagerNormalizer.normalize(
                List.of(alert(Map.of("alertname", "X"), NOW.minusSeconds(600), NOW.minusSeconds(1))), "checkout", NOW).get(0);
        assertEquals(SignalAction.RESOLVE, signal.action());
        // No service label: the integration key's service owns the alert.
        assertEquals("checkout", signal.service());
    }

    @Test
    void everyInvalidFieldIsNamedByItsPath() {
        ProblemException e = assertThrows(ProblemException.class, () -> AlertmanagerNormalizer.normalize(List.of(
                alert(Map.of("alertname", "ok"), null, null),
                alert(Map.of(), null, null),
                alert(Map.of("bad-name", "x"), null, null),
                alert(Map.of("alertname", "x"), NOW, NOW.minusSeconds(5))), "checkout", NOW));
        List<String> fields = e.problem().errors().stream().map(Problem.FieldError::field).toList();
        assertEquals(List.of("[1].labels", "[2].labels.bad-name", "[3].endsAt"), fields);
        assertEquals(400, e.problem().status());
    }

    @Test
    void anEmptyBatchIsRefused() {
        // Nothing to accept is a client error, not a silent success.
        assertTrue(assertThrows(ProblemException.class,
                () -> AlertmanagerNormalizer.normalize(List.of(), "checkout", NOW)).getMessage().contains("non-empty"));
    }

    @Test
    void credentialsComeAsPrometheusSendsThem() {
        assertEquals("k1", Credentials.integrationKey("Bearer k1").orElseThrow());
        // basic auth: user is ignored, the password is the key
        assertEquals("k2", Credentials.integrationKey("Basic " + java.util.Base64.getEncoder()
                .encodeToString("prometheus:k2".getBytes())).orElseThrow());
        assertTrue(Credentials.integrationKey("Bearer ").isEmpty());
        assertTrue(Credentials.integrationKey(null).isEmpty());
    }
}
