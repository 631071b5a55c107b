package dev.tocsin.ingest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tocsin.eventing.api.Problem.FieldError;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.ingest.intake.alertmanager.PostableAlert;
import dev.tocsin.ingest.intake.alertmanager.WebhookMessage;
import dev.tocsin.ingest.key.IntegrationKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An alert of a batch carrying a string that cannot be stored is refused by its index; the others are kept. */
class BatchReaderTest {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final IntegrationKey KEY = new IntegrationKey("key-1", "checkout", "prometheus", NOW, null);

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aNulInOneAlertOfApiV2RefusesThatAlertOnly() {
        ParsedBatch parsed = BatchReader.alertmanagerV2(JSON, utf8("[{\"labels\":{\"alertname\":\"ok\"}},"
                + "{\"labels\":{\"alertname\":\"x\\u0000y\"}},{\"labels\":{\"alertname\":\"fine\"},"
                + "\"annotations\":{\"summary\":\"half \\ud83d\"}}]"));
        Batch batch = LabeledAlerts.normalize(parsed, PostableAlert.SOURCE, KEY, IntakeLimits.DEFAULTS, NOW);
        assertEquals(1, batch.signals().size());
        assertEquals("ok", batch.signals().get(0).labels().get("alertname"));
        assertEquals(List.of("[1].labels.alertname", "[2].annotations.summary"),
                batch.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void webhookAlertsAreNamedUnderAlerts() {
        ParsedBatch parsed = BatchReader.webhook(JSON, utf8("{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\","
                + "\"labels\":{\"alertname\":\"a\"},\"generatorURL\":\"http://x/\\u0007\"}]}"));
        Batch batch = LabeledAlerts.normalize(parsed, WebhookMessage.SOURCE, KEY, IntakeLimits.DEFAULTS, NOW);
        assertEquals(List.of(), batch.signals());
        assertEquals(List.of("alerts[0].generatorURL"), batch.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void aBadStringOutsideEveryAlertRefusesTheRequest() {
        ProblemException refused = assertThrows(ProblemException.class, () -> BatchReader.webhook(JSON,
                utf8("{\"receiver\":\"r\\u0000\",\"alerts\":[{\"labels\":{\"alertname\":\"a\"}}]}")));
        assertEquals("receiver", refused.problem().errors().get(0).field());
    }

    @Test
    void aValueOfTheWrongTypeIsNamedByPath() {
        ProblemException refused = assertThrows(ProblemException.class, () -> BatchReader.alertmanagerV2(JSON,
                utf8("[{\"labels\":{\"alertname\":\"a\"}},{\"labels\":[1]}]")));
        assertEquals("[1].labels", refused.problem().errors().get(0).field());
    }
}
