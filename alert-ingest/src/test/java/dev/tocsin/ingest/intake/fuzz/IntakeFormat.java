package dev.tocsin.ingest.intake.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.ingest.intake.Batch;
import dev.tocsin.ingest.intake.BatchReader;
import dev.tocsin.ingest.intake.Fixtures;
import dev.tocsin.ingest.intake.IntakeLimits;
import dev.tocsin.ingest.intake.KeyedBody;
import dev.tocsin.ingest.intake.KeyedEvents;
import dev.tocsin.ingest.intake.LabeledAlerts;
import dev.tocsin.ingest.intake.ParsedBatch;
import dev.tocsin.ingest.intake.alertmanager.PostableAlert;
import dev.tocsin.ingest.intake.alertmanager.WebhookMessage;
import dev.tocsin.ingest.intake.grafana.GrafanaResource;
import dev.tocsin.ingest.intake.pagerduty.ChangeEvent;
import dev.tocsin.ingest.intake.pagerduty.ChangeNormalizer;
import dev.tocsin.ingest.intake.pagerduty.PagerDutyEvent;
import dev.tocsin.ingest.intake.pagerduty.PagerDutyNormalizer;
import dev.tocsin.ingest.intake.webhook.GenericEvent;
import dev.tocsin.ingest.intake.webhook.GenericNormalizer;
import dev.tocsin.ingest.key.IntegrationKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Every intake format's parser as its endpoint composes it, without HTTP: the body in, either the
 * events the endpoint would publish or the client error ({@link ProblemException}) it would answer.
 * The steps are the endpoints' own: {@link BatchReader} and {@link LabeledAlerts} for the batch
 * formats, {@link KeyedBody} and the format's normalizer for the others.
 */
enum IntakeFormat {

    ALERTMANAGER_V2("[{\"labels\":{\"alertname\":\"CheckoutErrors\",\"service\":\"checkout\",\"severity\":\"critical\"},"
            + "\"annotations\":{\"summary\":\"Checkout error rate 12%\"},\"startsAt\":\"2026-11-25T09:00:00Z\","
            + "\"endsAt\":\"2026-11-25T11:00:00Z\",\"generatorURL\":\"http://prometheus:9090/graph\"}]"),
    ALERTMANAGER_WEBHOOK("alertmanager-webhook-v4.json"),
    GRAFANA("grafana-webhook.json"),
    PAGERDUTY("pagerduty-trigger.json"),
    PAGERDUTY_CHANGE("pagerduty-change.json"),
    GENERIC("generic-webhook.json");

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    /** A key of checkout that also speaks for payments, so both the allowed and refused service paths run. */
    static final IntegrationKey KEY = new IntegrationKey("key-fuzz", "checkout", List.of("payments"), "fuzz", NOW,
            null, null, null);
    private static final int MAX_ALERTS = 1000;

    /** A valid body of the format, or the name of a vendor's example under {@code formats/}. */
    final String example;

    IntakeFormat(String example) {
        this.example = example;
    }

    byte[] exampleBody() {
        return example.endsWith(".json") ? Fixtures.bytes(example)
                : example.getBytes(StandardCharsets.UTF_8);
    }

    /** The events the endpoint would publish; a {@link ProblemException} when it would refuse. */
    List<? extends IntegrationEvent> accept(ObjectMapper json, byte[] body) {
        return switch (this) {
            case ALERTMANAGER_V2 -> batch(BatchReader.alertmanagerV2(json, body), PostableAlert.SOURCE);
            case ALERTMANAGER_WEBHOOK -> batch(BatchReader.webhook(json, body), WebhookMessage.SOURCE);
            case GRAFANA -> batch(BatchReader.webhook(json, body), GrafanaResource.SOURCE);
            case PAGERDUTY -> keyed(KeyedBody.read(json, body, PagerDutyEvent.class),
                    e -> PagerDutyNormalizer.normalize(e, KEY, IntakeLimits.DEFAULTS, NOW));
            case PAGERDUTY_CHANGE -> {
                KeyedBody<ChangeEvent> read = KeyedBody.read(json, body, ChangeEvent.class);
                refuseIf(!read.unstorable().isEmpty());
                ChangeNormalizer.Normalized normalized = ChangeNormalizer.normalize(read.event(), KEY, NOW);
                refuseIf(!normalized.errors().isEmpty());
                yield List.of(normalized.change());
            }
            case GENERIC -> keyed(KeyedBody.read(json, body, GenericEvent.class),
                    e -> GenericNormalizer.normalize(e, KEY, IntakeLimits.DEFAULTS, NOW));
        };
    }

    private static List<? extends IntegrationEvent> batch(ParsedBatch parsed, String source) {
        // BatchIntake's own checks before normalizing.
        refuseIf(parsed.alerts() == null || parsed.alerts().isEmpty() || parsed.alerts().size() > MAX_ALERTS);
        Batch batch = LabeledAlerts.normalize(parsed, source, KEY, IntakeLimits.DEFAULTS, NOW);
        refuseIf(batch.signals().isEmpty());
        return new ArrayList<>(batch.signals());
    }

    private static <T> List<? extends IntegrationEvent> keyed(KeyedBody<T> read,
            Function<T, KeyedEvents.Normalized> normalize) {
        // PagerDutyResource and GenericResource refuse unstorable strings before normalizing.
        refuseIf(!read.unstorable().isEmpty());
        KeyedEvents.Normalized normalized = normalize.apply(read.event());
        refuseIf(!normalized.errors().isEmpty());
        return List.of(normalized.signal());
    }

    private static void refuseIf(boolean refused) {
        if (refused) {
            throw ProblemException.badRequest("$", "refused");
        }
    }
}
