package dev.tocsin.ingest.intake.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tocsin.events.alert.Image;
import dev.tocsin.events.alert.Link;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.SignalAction;
import dev.tocsin.ingest.intake.Batch;
import dev.tocsin.ingest.intake.Fixtures;
import dev.tocsin.ingest.intake.IntakeLimits;
import dev.tocsin.ingest.intake.LabeledAlerts;
import dev.tocsin.ingest.intake.alertmanager.WebhookMessage;
import dev.tocsin.ingest.key.IntegrationKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Grafana Alerting's webhook payload, from the example of Grafana's documentation
 * (grafana-webhook.json) and its Grafana 9.3 form with {@code valueString} (grafana-webhook-9.3.json);
 * see src/test/resources/formats/README.md.
 */
class GrafanaWebhookTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final IntegrationKey KEY = new IntegrationKey("key-g", "checkout", "grafana", NOW, null);

    private static Batch normalize(WebhookMessage message) {
        return LabeledAlerts.normalize(message.labeled(), "alerts", GrafanaResource.SOURCE, KEY, IntakeLimits.DEFAULTS,
                NOW);
    }

    @Test
    void theDocumentedExampleBecomesOneSignalPerAlert() {
        Batch batch = normalize(Fixtures.read("grafana-webhook.json", WebhookMessage.class));
        assertEquals(List.of(), batch.errors());
        assertEquals(2, batch.signals().size());
        AlertSignalReceived memory = batch.signals().get(0);
        // Grafana's fingerprint identifies the alert, as Alertmanager's does.
        assertEquals("checkout/c6eadffa33fcdf37", memory.dedupKey());
        assertEquals("checkout/bc97ff14869b13e3", batch.signals().get(1).dedupKey());
        assertEquals(SignalAction.TRIGGER, memory.action());
        assertEquals(Map.of("alertname", "High memory usage", "team", "blue", "zone", "us-1"), memory.labels());
        assertEquals("This alert was triggered for zone us-1", memory.summary());
        assertEquals("https://myrunbook.com/runbook/1234", memory.annotations().get("runbook_url"));
        assertEquals(Instant.parse("2021-10-12T07:51:03.157076Z"), memory.startsAt());
        assertNull(memory.endsAt());
        assertEquals("https://play.grafana.org/alerting/1afz29v7z/edit", memory.generatorUrl());
        // The query values that fired it are kept as details, for the responder.
        assertEquals(Map.of("values", Map.of("B", 44.23943737541908, "C", 1)), memory.details());
        // Empty dashboard and panel URLs are no links.
        assertNull(memory.links());
        assertNull(memory.images());
        assertEquals("checkout", memory.service());
        assertEquals("grafana", memory.source());
        assertEquals("key-g", memory.keyId());
    }

    @Test
    void olderGrafanasValueStringIsKeptAsADetail() {
        AlertSignalReceived signal = normalize(Fixtures.read("grafana-webhook-9.3.json", WebhookMessage.class))
                .signals().get(0);
        assertEquals(Map.of("valueString", "[ metric='' labels={} value=14151.331895396988 ]"), signal.details());
    }

    @Test
    void dashboardAndPanelUrlsBecomeLinksAndTheScreenshotAnImage() {
        WebhookMessage.Alert a = Fixtures.read("grafana-webhook.json", WebhookMessage.class).alerts().get(0);
        WebhookMessage.Alert withUrls = new WebhookMessage.Alert("resolved", a.labels(), a.annotations(), a.startsAt(),
                a.startsAt().plusMinutes(5), a.generatorUrl(), a.fingerprint(), a.silenceUrl(),
                "https://grafana.example.com/d/abc", "https://grafana.example.com/d/abc?viewPanel=2",
                "https://grafana.example.com/render/abc.png", a.values(), null);
        AlertSignalReceived signal = normalize(new WebhookMessage("1", "{}:{}", "resolved", "r",
                List.of(withUrls))).signals().get(0);
        assertEquals(List.of(new Link("https://grafana.example.com/d/abc", "Grafana dashboard"),
                new Link("https://grafana.example.com/d/abc?viewPanel=2", "Grafana panel")), signal.links());
        assertEquals(List.of(new Image("https://grafana.example.com/render/abc.png",
                "https://grafana.example.com/d/abc?viewPanel=2", null)), signal.images());
        // Grafana marks a resolved alert by its status, with endsAt at resolution.
        assertEquals(SignalAction.RESOLVE, signal.action());
        assertEquals(Instant.parse("2021-10-12T07:56:03.157076Z"), signal.endsAt());
    }
}
