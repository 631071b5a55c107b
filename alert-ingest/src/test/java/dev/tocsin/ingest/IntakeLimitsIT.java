package dev.tocsin.ingest;

import static dev.tocsin.ingest.Intake.ADMIN;
import static dev.tocsin.ingest.IntakeCalls.fingerprint;
import static dev.tocsin.ingest.IntakeCalls.fixture;
import static dev.tocsin.ingest.IntakeCalls.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.events.EventJson;
import dev.tocsin.events.Topics;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.ingest.intake.grafana.GrafanaSignature;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the intake refuses, over HTTP against real Kafka and PostgreSQL: invalid alerts of a batch
 * (the valid ones still reach Kafka, the invalid ones never), bodies over 256 KiB, keys over their
 * rate limit, unknown and revoked keys in every format, and unsigned or badly signed Grafana requests.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class IntakeLimitsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> HEADER_FORMATS =
            List.of("/api/v2/alerts", "/hooks/alertmanager", "/hooks/grafana", "/hooks/generic");
    private static Intake.Key key;
    private static TopicReader signals;

    @BeforeEach
    void setUp() {
        if (key != null) {
            return;
        }
        key = Intake.createKey("search", Map.of());
        signals = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.ALERT_SIGNALS);
    }

    @AfterAll
    static void tearDown() {
        signals.close();
    }

    private static ObjectNode webhookAlert(String run, String alertname) {
        ObjectNode alert = (ObjectNode) fixture("alertmanager-webhook-v4.json").get("alerts").get(0);
        ((ObjectNode) alert.get("labels")).put("run", run).put("alertname", alertname);
        return alert.put("fingerprint", fingerprint());
    }

    /**
     * Posts a marker alert and waits for it: whatever was posted before it and is not on Kafka yet never
     * will be. The marker may sit on another partition than the alerts a test expects, so a test first
     * waits for those ({@link #awaitNames}), then for the marker, then checks nothing else came.
     */
    private static void awaitMarker() {
        String marker = UUID.randomUUID().toString();
        post("/api/v2/alerts", key.secret(), "[{\"labels\":{\"alertname\":\"Marker\",\"run\":\"" + marker + "\"}}]")
                .statusCode(202);
        signals.await(AlertSignalReceived.class, s -> marker.equals(s.labels().get("run")), WAIT);
    }

    private static List<String> alertnames(String run) {
        signals.poll();
        return signals.all(AlertSignalReceived.class, s -> run.equals(s.labels().get("run"))).stream()
                .map(s -> s.labels().get("alertname")).sorted().toList();
    }

    @Test
    void theValidAlertsOfABatchAreKeptAndTheInvalidOnesNamedAndNeverPublished() {
        String run = UUID.randomUUID().toString();
        ObjectNode message = fixture("alertmanager-webhook-v4.json");
        ArrayNode alerts = message.putArray("alerts");
        alerts.add(webhookAlert(run, "First"));
        ObjectNode badName = webhookAlert(run, "BadName");
        ((ObjectNode) badName.get("labels")).put("bad-name", "x");
        alerts.add(badName);
        ObjectNode endsBeforeStart = webhookAlert(run, "EndsBeforeStart").put("endsAt", "2023-02-06T13:00:00Z");
        alerts.add(endsBeforeStart);
        alerts.add(webhookAlert(run, "Last"));

        post("/hooks/alertmanager", key.secret(), message).statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("accepted", equalTo(2))
                .body("errors.field", equalTo(List.of("alerts[1].labels", "alerts[2].endsAt")));
        awaitNames(run, 2);
        awaitMarker();
        assertEquals(List.of("First", "Last"), alertnames(run));
    }

    @Test
    void oversizedAndRunawayLabelsAreNamedByPath() {
        String run = UUID.randomUUID().toString();
        String longValue = "x".repeat(1025);
        post("/api/v2/alerts", key.secret(), "[{\"labels\":{\"alertname\":\"Ok\",\"run\":\"" + run + "\"}},"
                + "{\"labels\":{\"alertname\":\"" + longValue + "\",\"run\":\"" + run + "\"}}]")
                .statusCode(400).body("errors[0].field", equalTo("[1].labels.alertname")).body("accepted", equalTo(1));
        // Only POST /api/v1/drills marks a drill: an alert claiming to be one would be left out of the load.
        post("/api/v2/alerts", key.secret(), "[{\"labels\":{\"alertname\":\"Real\",\"tocsin_drill\":\"x\",\"run\":\""
                + run + "\"}}]").statusCode(400).body("errors[0].field", equalTo("[0].labels.tocsin_drill"))
                .body("errors[0].message", containsString("reserved for drills")).body("accepted", equalTo(0));
        StringBuilder many = new StringBuilder("{\"run\":\"" + run + "\"");
        for (int i = 0; i < 64; i++) {
            many.append(",\"l").append(i).append("\":\"v\"");
        }
        post("/api/v2/alerts", key.secret(), "[{\"labels\":" + many + "}}]").statusCode(400)
                .body("errors[0].field", equalTo("[0].labels")).body("errors[0].message", containsString("at most 64"))
                .body("accepted", equalTo(0));
        awaitNames(run, 1);
        awaitMarker();
        assertEquals(List.of("Ok"), alertnames(run));
    }

    @Test
    void aBodyOver256KiBIsRefusedWith413ProblemJson() {
        String padding = "x".repeat(300 * 1024);
        for (String path : List.of("/api/v2/alerts", "/hooks/grafana", "/v2/enqueue")) {
            given().header("Authorization", "Bearer " + key.secret()).contentType(ContentType.JSON)
                    .body("[{\"labels\":{\"alertname\":\"" + padding + "\"}}]").post(path).then()
                    .statusCode(413).contentType("application/problem+json").body("status", equalTo(413))
                    .body("detail", containsString("262144 bytes (256 KiB)"));
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedToo() throws Exception {
        // Without Content-Length the size is known only while reading: Quarkus itself cuts the body off
        // with a bare 413 (no problem body, see docs/intake.md). What matters is that it is refused.
        byte[] big = ("[{\"labels\":{\"alertname\":\"" + "x".repeat(300 * 1024) + "\"}}]")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                        + "/api/v2/alerts"))
                .header("Authorization", "Bearer " + key.secret()).header("Content-Type", "application/json")
                // A stream of unknown length is sent chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
    }

    @Test
    void aKeyOverItsRateLimitIsToldWhenToRetry() {
        Intake.Key limited = Intake.createKey("search", Map.of("rateLimitPerMinute", 2));
        String body = "[{\"labels\":{\"alertname\":\"RateLimited\",\"run\":\"" + UUID.randomUUID() + "\"}}]";
        post("/api/v2/alerts", limited.secret(), body).statusCode(202);
        post("/api/v2/alerts", limited.secret(), body).statusCode(202);
        // Two per minute: the next token comes in 30 s.
        post("/api/v2/alerts", limited.secret(), body).statusCode(429).contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*")).body("status", equalTo(429));
        // The limit is per key: another key is not held back.
        post("/api/v2/alerts", key.secret(), body).statusCode(202);

        Intake.Key pagerDuty = Intake.createKey("search", Map.of("rateLimitPerMinute", 1));
        ObjectNode event = fixture("pagerduty-trigger-minimal.json").put("routing_key", pagerDuty.secret());
        post("/v2/enqueue", null, event).statusCode(202);
        post("/v2/enqueue", null, event).statusCode(429).header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("status", equalTo("throttle exceeded"));
    }

    @Test
    void aKeysSettingsChangeInPlaceAndTakeEffectAtOnce() {
        Intake.Key changing = Intake.createKey("search", Map.of("rateLimitPerMinute", 1));
        String body = "[{\"labels\":{\"alertname\":\"Changing\",\"run\":\"" + UUID.randomUUID() + "\"}}]";
        post("/api/v2/alerts", changing.secret(), body).statusCode(202);
        post("/api/v2/alerts", changing.secret(), body).statusCode(429);

        String path = "/api/v1/integration-keys/" + changing.id();
        given().contentType("application/merge-patch+json").body("{\"rateLimitPerMinute\":100}").patch(path)
                .then().statusCode(401);
        given().header("Authorization", ADMIN).contentType("application/merge-patch+json")
                .body("{\"rateLimitPerMinute\":0,\"service\":\"other\",\"colour\":\"red\"}").patch(path).then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("rateLimitPerMinute", "service", "colour"));
        // Refused as a whole: the limit is still 1 per minute.
        post("/api/v2/alerts", changing.secret(), body).statusCode(429);

        given().header("Authorization", ADMIN).contentType("application/merge-patch+json")
                .body("{\"rateLimitPerMinute\":100,\"name\":\"renamed\"}").patch(path).then().statusCode(200)
                .body("rateLimitPerMinute", equalTo(100)).body("name", equalTo("renamed"))
                .body("service", equalTo("search")).body("signed", equalTo(false));
        // The same secret, at once, under the new limit.
        post("/api/v2/alerts", changing.secret(), body).statusCode(202);

        // Adding a signing secret makes unsigned Grafana requests fail; null removes it again.
        String secret = "grafana-hmac-" + UUID.randomUUID();
        given().header("Authorization", ADMIN).contentType("application/merge-patch+json")
                .body("{\"signingSecret\":\"" + secret + "\"}").patch(path).then().statusCode(200)
                .body("signed", equalTo(true)).body("rateLimitPerMinute", equalTo(100)).body(not(containsString(secret)));
        byte[] grafana = grafanaBody(UUID.randomUUID().toString());
        postGrafana(changing, grafana, Map.of()).statusCode(401);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"signingSecret\":null,\"rateLimitPerMinute\":null}").patch(path).then().statusCode(200)
                .body("signed", equalTo(false)).body("rateLimitPerMinute", nullValue());
        postGrafana(changing, grafana, Map.of()).statusCode(202);

        IntakeCalls.revoke(changing);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"name\":\"x\"}").patch(path)
                .then().statusCode(404);
    }

    @Test
    void unknownAndRevokedKeysAreRefusedInEveryFormat() {
        Intake.Key revoked = Intake.createKey("search", Map.of());
        post("/hooks/generic", revoked.secret(), "{\"summary\":\"before revoking\"}").statusCode(202);
        IntakeCalls.revoke(revoked);
        for (String secret : List.of("not-a-key", revoked.secret())) {
            for (String path : HEADER_FORMATS) {
                post(path, secret, "{}").statusCode(401).contentType("application/problem+json");
            }
            // PagerDuty's API has no 401: an unknown routing key is an invalid event.
            for (String fixture : List.of("pagerduty-trigger.json", "pagerduty-change.json")) {
                String path = fixture.contains("change") ? "/v2/change/enqueue" : "/v2/enqueue";
                post(path, null, fixture(fixture).put("routing_key", secret)).statusCode(400)
                        .body("status", equalTo("invalid event")).body("message", equalTo("Event object is invalid"))
                        .body("errors", hasItem("'routing_key' is not an active integration key"));
            }
        }
        for (String path : HEADER_FORMATS) {
            post(path, null, "{}").statusCode(401);
        }
    }

    @Test
    void pagerDutyErrorsComeInPagerDutysShape() {
        ObjectNode event = fixture("pagerduty-trigger.json").put("routing_key", key.secret());
        ((ObjectNode) event.get("payload")).put("severity", "high").remove("source");
        post("/v2/enqueue", null, event).statusCode(400).contentType(containsString("application/json"))
                .body("status", equalTo("invalid event")).body("errors", equalTo(List.of(
                        "'payload.source' is required to trigger",
                        "'payload.severity' must be one of critical, error, warning, info")));
        post("/v2/enqueue", null, "{\"routing_key\":").statusCode(400).body("status", equalTo("invalid event"));
        post("/v2/enqueue", null, "{\"event_action\":\"trigger\"}").statusCode(400)
                .body("errors", equalTo(List.of("'routing_key' is required")));
    }

    @Test
    void aSignedGrafanaKeyAcceptsOnlyGrafanasSignature() {
        String secret = "grafana-hmac-" + UUID.randomUUID();
        Intake.Key signed = Intake.createKey("search", Map.of("signingSecret", secret,
                "timestampHeader", "X-Grafana-Alerting-Timestamp"));
        // The listing says the key is signed and never shows the secret.
        given().header("Authorization", ADMIN).get("/api/v1/integration-keys").then().statusCode(200)
                .body("find { it.id == '" + signed.id() + "' }.signed", equalTo(true))
                .body(not(containsString(secret)));

        String refusedRun = UUID.randomUUID().toString();
        byte[] refused = grafanaBody(refusedRun);
        String now = String.valueOf(Instant.now().getEpochSecond());
        String stale = String.valueOf(Instant.now().minusSeconds(600).getEpochSecond());
        postGrafana(signed, refused, Map.of()).statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("missing"));
        postGrafana(signed, refused, Map.of("X-Grafana-Alerting-Signature", sign("wrong-secret", now, refused),
                "X-Grafana-Alerting-Timestamp", now)).statusCode(401).body("detail", containsString("invalid"));
        postGrafana(signed, refused, Map.of("X-Grafana-Alerting-Signature", sign(secret, stale, refused),
                "X-Grafana-Alerting-Timestamp", stale)).statusCode(401).body("detail", containsString("stale"));

        String run = UUID.randomUUID().toString();
        byte[] body = grafanaBody(run);
        postGrafana(signed, body, Map.of("X-Grafana-Alerting-Signature", sign(secret, now, body),
                "X-Grafana-Alerting-Timestamp", now)).statusCode(202).body("accepted", equalTo(2));
        assertEquals(List.of("High CPU usage", "High memory usage"), awaitNames(run, 2));
        awaitMarker();
        assertEquals(List.of(), alertnames(refusedRun));
    }

    private List<String> awaitNames(String run, int count) {
        Awaitility.await().atMost(WAIT).until(() -> alertnames(run).size() == count);
        return alertnames(run);
    }

    private static byte[] grafanaBody(String run) {
        ObjectNode message = fixture("grafana-webhook.json");
        for (var alert : message.get("alerts")) {
            ((ObjectNode) alert.get("labels")).put("run", run);
            ((ObjectNode) alert).put("fingerprint", fingerprint());
        }
        return EventJson.write(message).getBytes(StandardCharsets.UTF_8);
    }

    private static String sign(String secret, String timestamp, byte[] body) {
        return HexFormat.of().formatHex(GrafanaSignature.sign(secret, timestamp, body));
    }

    private static ValidatableResponse postGrafana(Intake.Key key, byte[] body,
            Map<String, String> headers) {
        return given().header("Authorization", "Bearer " + key.secret()).headers(headers)
                .contentType(ContentType.JSON).body(body).post("/hooks/grafana").then();
    }
}
