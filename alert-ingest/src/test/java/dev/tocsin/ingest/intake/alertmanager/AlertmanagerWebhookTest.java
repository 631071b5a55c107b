package dev.tocsin.ingest.intake.alertmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tocsin.eventing.api.Problem;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.SignalAction;
import dev.tocsin.ingest.intake.Batch;
import dev.tocsin.ingest.intake.Fingerprint;
import dev.tocsin.ingest.intake.Fixtures;
import dev.tocsin.ingest.intake.IntakeLimits;
import dev.tocsin.ingest.intake.LabeledAlerts;
import dev.tocsin.ingest.key.IntegrationKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Alertmanager's webhook payload (version 4), from the fixtures alertmanager-webhook-v4.json (a real
 * Alertmanager notification in the documented shape) and alertmanager-webhook-v4-gist.json (one
 * without fingerprints); see src/test/resources/formats/README.md.
 */
class AlertmanagerWebhookTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final IntegrationKey KEY = new IntegrationKey("key-am", "checkout", "alertmanager", NOW, null);

    private static Batch normalize(WebhookMessage message) {
        return LabeledAlerts.normalize(message.labeled(), "alerts", WebhookMessage.SOURCE, KEY, IntakeLimits.DEFAULTS,
                NOW);
    }

    private static WebhookMessage withAlert(WebhookMessage.Alert alert) {
        WebhookMessage example = Fixtures.read("alertmanager-webhook-v4.json", WebhookMessage.class);
        List<WebhookMessage.Alert> alerts = new ArrayList<>(example.alerts());
        alerts.add(alert);
        return new WebhookMessage(example.version(), example.groupKey(), example.status(), example.receiver(), alerts);
    }

    private static WebhookMessage.Alert alert(String status, String fingerprint) {
        WebhookMessage.Alert a = Fixtures.read("alertmanager-webhook-v4.json", WebhookMessage.class).alerts().get(0);
        return new WebhookMessage.Alert(status, a.labels(), a.annotations(), a.startsAt(), a.endsAt(), a.generatorUrl(),
                fingerprint);
    }

    @Test
    void theDocumentedNotificationBecomesOneSignalPerAlert() {
        Batch batch = normalize(Fixtures.read("alertmanager-webhook-v4.json", WebhookMessage.class));
        assertEquals(List.of(), batch.errors());
        AlertSignalReceived signal = batch.signals().get(0);
        assertEquals(SignalAction.TRIGGER, signal.action());
        // The sender's fingerprint is kept as sent. (The sample's host names were anonymized after it
        // was captured, so recomputing it from the labels would give another value: trusting the
        // sender's fingerprint keeps the identity Alertmanager itself uses.)
        assertEquals("checkout/1a30ba71cca2921f", signal.dedupKey());
        assertEquals(Map.of("alertname", "ProbeFailure", "instance", "https://server.example.org", "job", "http_checks",
                "monitor", "master", "severity", "critical"), signal.labels());
        assertEquals("BlackBox Probe Failure: https://server.example.org", signal.summary());
        assertEquals("critical", signal.severity());
        assertEquals("checkout", signal.service());
        assertEquals(Instant.parse("2023-02-06T13:08:45.828Z"), signal.startsAt());
        // Alertmanager's "0001-01-01T00:00:00Z" for a firing alert is no end.
        assertNull(signal.endsAt());
        assertEquals("http://prometheus.example.org:9090/graph?g0.expr=probe_success+%3D%3D+0&g0.tab=1",
                signal.generatorUrl());
        assertEquals(WebhookMessage.SOURCE, signal.source());
        assertEquals("key-am", signal.keyId());
    }

    @Test
    void anAlertmanagerThatSendsNoFingerprintGetsTheComputedOne() {
        Batch batch = normalize(Fixtures.read("alertmanager-webhook-v4-gist.json", WebhookMessage.class));
        AlertSignalReceived signal = batch.signals().get(0);
        assertEquals("checkout/" + Fingerprint.hex(signal.labels()), signal.dedupKey());
        assertEquals("some description", signal.summary());
        assertEquals(Instant.parse("2018-08-03T07:52:26.739266876Z"), signal.startsAt());
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                // The entry's own status decides, not endsAt: Alertmanager says resolved when it is.
                Arguments.of("resolved", SignalAction.RESOLVE),
                Arguments.of("firing", SignalAction.TRIGGER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statuses")
    void theEntrysStatusDecidesTheAction(String status, SignalAction action) {
        assertEquals(action, normalize(withAlert(alert(status, null))).signals().get(1).action());
    }

    static Stream<Arguments> fingerprints() {
        return Stream.of(
                // A well-formed fingerprint is Alertmanager's identity of the alert: kept.
                Arguments.of("00000000deadbeef", "00000000deadbeef"),
                // Uppercase, short, long or foreign strings are not Alertmanager's: computed instead.
                Arguments.of("00000000DEADBEEF", null),
                Arguments.of("deadbeef", null),
                Arguments.of("00000000deadbeef0", null),
                Arguments.of("not-a-fingerprint", null),
                Arguments.of("", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fingerprints")
    void onlyAWellFormedFingerprintIsTheDedupKey(String fingerprint, String expected) {
        AlertSignalReceived signal = normalize(withAlert(alert("firing", fingerprint))).signals().get(1);
        assertEquals("checkout/" + (expected != null ? expected : Fingerprint.hex(signal.labels())), signal.dedupKey());
    }

    @Test
    void anUnknownStatusIsNamedAndOnlyThatAlertIsRefused() {
        Batch batch = normalize(withAlert(alert("pending", null)));
        assertEquals(List.of("alerts[1].status"), batch.errors().stream().map(Problem.FieldError::field).toList());
        assertEquals(1, batch.signals().size());
    }
}
