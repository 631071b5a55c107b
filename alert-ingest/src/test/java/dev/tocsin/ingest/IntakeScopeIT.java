package dev.tocsin.ingest;

import static dev.tocsin.ingest.Intake.ADMIN;
import static dev.tocsin.ingest.IntakeCalls.fingerprint;
import static dev.tocsin.ingest.IntakeCalls.fixture;
import static dev.tocsin.ingest.IntakeCalls.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A key speaks for its services only, over HTTP against real Kafka and PostgreSQL: an alert for a
 * service the key does not name is refused at {@code labels.service} and never reaches Kafka; dedup
 * keys are namespaced by service, so one team's key cannot resolve another's alert; a signed key
 * works only at {@code /hooks/grafana} and a replayed signature is refused; secrets are long enough.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class IntakeScopeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TopicReader signals;

    @BeforeAll
    static void setUp() {
        signals = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.ALERT_SIGNALS);
    }

    @AfterAll
    static void tearDown() {
        signals.close();
    }

    private static AlertSignalReceived signal(String run) {
        return signals.await(AlertSignalReceived.class, s -> run.equals(s.labels().get("run")), WAIT);
    }

    private static ObjectNode webhook(String run, String status, String fingerprint, String service) {
        ObjectNode message = fixture("alertmanager-webhook-v4.json").put("status", status);
        ObjectNode alert = (ObjectNode) message.get("alerts").get(0);
        alert.put("status", status).put("fingerprint", fingerprint);
        ObjectNode labels = ((ObjectNode) alert.get("labels")).put("run", run);
        if (service != null) {
            labels.put("service", service);
        }
        return message;
    }

    @Test
    void aKeyForAListOfServicesPostsForEachAndForNoOther() {
        String run = UUID.randomUUID().toString();
        Intake.Key shared = Intake.createKey("scope-a", Map.of("services", List.of("scope-b")));
        given().header("Authorization", ADMIN).get("/api/v1/integration-keys").then().statusCode(200)
                .body("find { it.id == '" + shared.id() + "' }.services", equalTo(List.of("scope-a", "scope-b")));

        post("/hooks/alertmanager", shared.secret(), webhook(run + "-c", "firing", fingerprint(), "scope-c"))
                .statusCode(400).contentType("application/problem+json").body("accepted", equalTo(0))
                .body("errors[0].field", equalTo("alerts[0].labels.service"))
                .body("errors[0].message", containsString("scope-a, scope-b, not for 'scope-c'"));
        String fingerprint = fingerprint();
        post("/hooks/alertmanager", shared.secret(), webhook(run, "firing", fingerprint, "scope-b")).statusCode(202);
        AlertSignalReceived fired = signal(run);
        assertEquals("scope-b", fired.service());
        assertEquals("scope-b/" + fingerprint, fired.dedupKey());

        // Another team's key, with the fingerprint the alert search shows: refused by label, or its own alert.
        Intake.Key other = Intake.createKey("scope-c");
        post("/hooks/alertmanager", other.secret(), webhook(run + "-x", "resolved", fingerprint, "scope-b"))
                .statusCode(400).body("errors[0].field", equalTo("alerts[0].labels.service"));
        post("/hooks/alertmanager", other.secret(), webhook(run + "-y", "resolved", fingerprint, null))
                .statusCode(202);
        assertEquals("scope-c/" + fingerprint, signal(run + "-y").dedupKey());
        signals.poll();
        assertEquals(List.of(), signals.all(AlertSignalReceived.class,
                s -> (run + "-c").equals(s.labels().get("run")) || (run + "-x").equals(s.labels().get("run"))));
    }

    @Test
    void aKeysServicesChangeInPlace() {
        Intake.Key key = Intake.createKey("scope-d");
        given().header("Authorization", ADMIN).contentType("application/merge-patch+json")
                .body("{\"services\":[\"scope-e\"]}").patch("/api/v1/integration-keys/" + key.id()).then()
                .statusCode(400).body("errors[0].field", equalTo("services[1]"));
        Directory.services("scope-e");
        given().header("Authorization", ADMIN).contentType("application/merge-patch+json")
                .body("{\"services\":[\"scope-e\"]}").patch("/api/v1/integration-keys/" + key.id()).then()
                .statusCode(200).body("services", equalTo(List.of("scope-d", "scope-e")));
        String run = UUID.randomUUID().toString();
        post("/hooks/generic", key.secret(), "{\"summary\":\"s\",\"labels\":{\"service\":\"scope-e\",\"run\":\""
                + run + "\"}}").statusCode(202);
        assertEquals("scope-e", signal(run).service());
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"services\":[\"Not A Service\"]}")
                .patch("/api/v1/integration-keys/" + key.id()).then().statusCode(400)
                .body("errors.field", hasItem("services[0]"));
    }

    @Test
    void aSignedKeyIsRefusedOffItsSignedEndpointAndAReplayIsRefused() {
        String secret = "grafana-hmac-" + UUID.randomUUID();
        Intake.Key signed = Intake.createKey("scope-f", Map.of("signingSecret", secret,
                "timestampHeader", "X-Grafana-Alerting-Timestamp"));
        for (String path : List.of("/api/v2/alerts", "/hooks/alertmanager", "/hooks/generic")) {
            post(path, signed.secret(), "[]").statusCode(403).contentType("application/problem+json")
                    .body("detail", containsString("accepted only at POST /hooks/grafana"));
        }
        post("/v2/enqueue", null, fixture("pagerduty-trigger.json").put("routing_key", signed.secret()))
                .statusCode(403).body("errors[0]", containsString("/hooks/grafana"));

        ObjectNode message = fixture("grafana-webhook.json");
        message.get("alerts").forEach(a -> ((ObjectNode) a).put("fingerprint", fingerprint()));
        byte[] body = EventJson.write(message).getBytes(StandardCharsets.UTF_8);
        String now = String.valueOf(Instant.now().getEpochSecond());
        String signature = HexFormat.of().formatHex(GrafanaSignature.sign(secret, now, body));
        // Signed with a timestamp, but the timestamp header left out: refused.
        grafana(signed, body, Map.of("X-Grafana-Alerting-Signature", signature)).statusCode(401)
                .body("detail", containsString("missing"));
        Map<String, String> headers = Map.of("X-Grafana-Alerting-Signature", signature,
                "X-Grafana-Alerting-Timestamp", now);
        grafana(signed, body, headers).statusCode(202);
        grafana(signed, body, headers).statusCode(401).body("detail", containsString("replay"));
    }

    @Test
    void aCallerChosenSecretCarriesAtLeast128Bits() {
        for (String secret : List.of("demo", "a".repeat(21))) {
            given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                    .body(Map.of("service", "scope-g", "name", "short", "key", secret))
                    .post("/api/v1/integration-keys").then().statusCode(400).body("errors.field", hasItem("key"))
                    .body("errors.message", hasItem(containsString("128 bits")));
        }
        Directory.services("scope-g");
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("service", "scope-g", "name", "exactly 22", "key", UUID.randomUUID().toString()
                        .replace("-", "").substring(0, 22)))
                .post("/api/v1/integration-keys").then().statusCode(201);
        // A generated secret: 256 bits as 43 base64url characters.
        String generated = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("service", "scope-g", "name", "generated")).post("/api/v1/integration-keys").then()
                .statusCode(201).extract().path("key");
        assertEquals(32, Base64.getUrlDecoder().decode(generated).length);
    }

    private static ValidatableResponse grafana(Intake.Key key, byte[] body,
            Map<String, String> headers) {
        return given().header("Authorization", "Bearer " + key.secret()).headers(headers)
                .contentType(ContentType.JSON).body(body).post("/hooks/grafana").then();
    }
}
