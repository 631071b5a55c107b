package dev.tocsin.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.events.Topics;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Adversarial bodies over HTTP to every intake endpoint, with a valid key: a client error or a
 * success, never a 5xx; the ones carrying what cannot be stored are 400; and none of them puts a
 * signal on Kafka. (The parsers behind the endpoints are property-tested in
 * {@code IntakeParsersPropertyTest}; this checks the HTTP layer in front of them.)
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class IntakeFuzzIT {

    private static final List<String> ENDPOINTS = List.of("/api/v2/alerts", "/hooks/alertmanager", "/hooks/grafana",
            "/hooks/generic", "/v2/enqueue", "/v2/change/enqueue");

    /** A body per endpoint whose one alert carries {@code value} (already JSON-quoted) as its name or summary. */
    private static byte[] carrying(String path, String key, byte[] value) {
        String alert = "{\"labels\":{\"alertname\":@,\"run\":\"RUN\"},\"annotations\":{\"summary\":@}}";
        String body = switch (path) {
            case "/api/v2/alerts" -> "[" + alert + "]";
            case "/hooks/alertmanager", "/hooks/grafana" -> "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":["
                    + alert.replace("{\"labels\"", "{\"status\":\"firing\",\"labels\"") + "]}";
            case "/hooks/generic" -> "{\"summary\":@,\"labels\":{\"run\":\"RUN\"}}";
            case "/v2/enqueue" -> "{\"routing_key\":\"" + key + "\",\"event_action\":\"trigger\",\"payload\":{"
                    + "\"summary\":@,\"source\":\"RUN\",\"severity\":\"critical\"}}";
            default -> "{\"routing_key\":\"" + key + "\",\"payload\":{\"summary\":@,\"source\":\"RUN\"}}";
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] parts = body.split("@", -1);
        for (int i = 0; i < parts.length; i++) {
            out.writeBytes(parts[i].getBytes(StandardCharsets.UTF_8));
            if (i < parts.length - 1) {
                out.writeBytes(value);
            }
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Strings that cannot be stored, as JSON escapes and as raw bytes that are not UTF-8. */
    private static final List<byte[]> UNSTORABLE = List.of(ascii("\"x\\u0000y\""), ascii("\"bell\\u0007\""),
            ascii("\"half \\ud83d\""), ascii("\"\\udea8 tail\""), new byte[] {'"', 'x', (byte) 0xC0, (byte) 0x80, '"'},
            new byte[] {'"', (byte) 0xE0, (byte) 0x80, (byte) 0x80, '"'}, new byte[] {'"', (byte) 0xED, (byte) 0xA0,
            (byte) 0x80, '"'}, new byte[] {'"', (byte) 0xFF, '"'});

    /** Bodies of every other kind of wrong. */
    private static final List<byte[]> MALFORMED = List.of(new byte[0], ascii("null"), ascii("[]"), ascii("{}"),
            ascii("\"a string\""), ascii("{\"alerts\":"), ascii("[".repeat(5000) + "]".repeat(5000)),
            ascii("{\"a\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3001)), ascii("[1e999999]"),
            ascii("{\"payload\":[],\"alerts\":{},\"labels\":7}"), ascii("[{\"labels\":{\"x\":{\"y\":1}}}]"),
            ascii("{\"routing_key\":12,\"event_action\":[]}"), ascii("\uFEFF\uFEFF[]"));

    @Test
    void adversarialBodiesAreClientErrorsOrSuccessesNeverServerErrors() {
        String key = Intake.createKey("fuzz").secret();
        String run = UUID.randomUUID().toString();
        List<String> failures = new ArrayList<>();
        for (String path : ENDPOINTS) {
            for (byte[] value : UNSTORABLE) {
                int status = send(path, key, new String(carrying(path, key, value), StandardCharsets.ISO_8859_1)
                        .replace("RUN", run).getBytes(StandardCharsets.ISO_8859_1), "application/json");
                if (status != 400) {
                    failures.add(path + " with " + new String(value, StandardCharsets.ISO_8859_1) + ": " + status);
                }
            }
            for (byte[] body : MALFORMED) {
                int status = send(path, key, body, "application/json");
                if (status >= 500) {
                    failures.add(path + " with a malformed body: " + status);
                }
            }
            for (String type : List.of("text/plain", "application/xml", "application/json; charset=ISO-8859-1")) {
                int status = send(path, key, ascii("{}"), type);
                if (status >= 500) {
                    failures.add(path + " as " + type + ": " + status);
                }
            }
        }
        assertEquals(List.of(), failures);

        // Nothing refused reached Kafka: a marker posted afterwards arrives, and no signal of the run did.
        try (TopicReader signals = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.ALERT_SIGNALS)) {
            String marker = UUID.randomUUID().toString();
            Intake.post(key, List.of(Intake.alert(Map.of("alertname", "Marker", "run", marker), Map.of(), null)))
                    .statusCode(202);
            signals.await(AlertSignalReceived.class, s -> marker.equals(s.labels().get("run")), Duration.ofSeconds(30));
            assertTrue(signals.all(AlertSignalReceived.class, s -> run.equals(s.labels().get("run"))
                    || run.equals(s.labels().get("source"))).isEmpty());
        }
    }

    private static int send(String path, String key, byte[] body, String contentType) {
        var request = given().contentType(contentType).body(body);
        if (!path.startsWith("/v2/")) {
            request.header("Authorization", "Bearer " + key);
        }
        return request.post(path).then().extract().statusCode();
    }
}
