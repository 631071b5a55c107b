package dev.tocsin.ingest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tocsin.eventing.api.Problem.FieldError;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.ingest.intake.alertmanager.PostableAlert;
import dev.tocsin.ingest.intake.alertmanager.WebhookMessage;
import dev.tocsin.ingest.intake.webhook.GenericEvent;
import dev.tocsin.ingest.intake.webhook.GenericNormalizer;
import dev.tocsin.ingest.key.IntegrationKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A key speaks for its services only, and dedup keys are namespaced by service. */
class ServiceScopeTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final IntegrationKey CHECKOUT = new IntegrationKey("k-c", "checkout", "prometheus", NOW, null);
    /** A Prometheus serving two teams. */
    private static final IntegrationKey SHARED = new IntegrationKey("k-s", "checkout", List.of("payments"),
            "shared prometheus", NOW, null, null, null);

    private static Batch webhook(IntegrationKey key, String status, Map<String, String> labels, String fingerprint) {
        var alert = new WebhookMessage.Alert(status, labels, Map.of(), null, null, null, fingerprint);
        var message = new WebhookMessage("4", "g", status, "r", List.of(alert));
        return LabeledAlerts.normalize(message.labeled(), "alerts", WebhookMessage.SOURCE, key, IntakeLimits.DEFAULTS,
                NOW);
    }

    @Test
    void anAlertForAnotherServiceIsRefusedByItsServiceLabel() {
        Batch batch = webhook(CHECKOUT, "resolved", Map.of("alertname", "X", "service", "payments"), "00000000deadbeef");
        assertEquals(List.of(), batch.signals());
        assertEquals(List.of(new FieldError("alerts[0].labels.service",
                "this integration key may post only for the service checkout, not for 'payments'")), batch.errors());
    }

    @Test
    void aKeyForAListPostsForEachAndAnAlertWithoutServiceTakesTheKeysOwn() {
        assertEquals("payments", webhook(SHARED, "firing", Map.of("alertname", "X", "service", "payments"), null)
                .signals().get(0).service());
        assertEquals("checkout", webhook(SHARED, "firing", Map.of("alertname", "X"), null).signals().get(0).service());
        assertEquals(1, webhook(SHARED, "firing", Map.of("alertname", "X", "service", "search"), null).errors().size());
    }

    @Test
    void theSameFingerprintOfTwoServicesIsTwoAlertsAndARepeatIsTheSameAlert() {
        // A resolve carrying another service's fingerprint cannot reach that service's alert.
        AlertSignalReceived ours = webhook(SHARED, "firing", Map.of("alertname", "X", "service", "payments"),
                "00000000deadbeef").signals().get(0);
        AlertSignalReceived theirs = webhook(CHECKOUT, "resolved", Map.of("alertname", "X"), "00000000deadbeef")
                .signals().get(0);
        assertEquals("payments/00000000deadbeef", ours.dedupKey());
        assertNotEquals(ours.dedupKey(), theirs.dedupKey());
        // A repeat of one alert (same labels) is the same dedup key, through API v2 and the webhook alike.
        Map<String, String> labels = Map.of("alertname", "Y", "service", "checkout");
        var v2 = LabeledAlerts.normalize(PostableAlert.labeled(List.of(new PostableAlert(labels, null, null, null,
                null))), "", PostableAlert.SOURCE, CHECKOUT, IntakeLimits.DEFAULTS, NOW).signals().get(0);
        assertEquals(v2.dedupKey(), webhook(CHECKOUT, "firing", labels, null).signals().get(0).dedupKey());
        assertEquals("checkout/" + Fingerprint.hex(labels), v2.dedupKey());
    }

    @Test
    void theGenericWebhookScopesByTheServiceLabelToo() {
        var refused = GenericNormalizer.normalize(new GenericEvent("s", "d", null, null, Map.of("service", "payments"),
                null, null, null), CHECKOUT, IntakeLimits.DEFAULTS, NOW);
        assertEquals("labels.service", refused.errors().get(0).field());
        var shared = GenericNormalizer.normalize(new GenericEvent("s", "d", null, null, Map.of("service", "payments"),
                null, null, null), SHARED, IntakeLimits.DEFAULTS, NOW);
        assertEquals("payments/d", shared.signal().dedupKey());
    }
}
