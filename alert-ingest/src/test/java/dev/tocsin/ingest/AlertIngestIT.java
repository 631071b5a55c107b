package dev.tocsin.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** alert-ingest against a real Kafka broker and PostgreSQL, read back from Kafka with a real consumer. */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class AlertIngestIT {

    private static final String ADMIN = "Bearer test-admin-token";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static String key;
    private static TopicReader alerts;
    private static TopicReader signals;

    @BeforeEach
    void setUp() {
        if (key != null) {
            return;
        }
        key = "it-" + UUID.randomUUID();
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"service\":\"checkout\",\"name\":\"it\",\"key\":\"" + key + "\"}")
                .post("/api/v1/integration-keys").then().statusCode(201).body("key", equalTo(key));
        alerts = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.ALERTS);
        signals = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.ALERT_SIGNALS);
    }

    @AfterAll
    static void tearDown() {
        alerts.close();
        signals.close();
    }

    private static String alert(String run, String endsAt) {
        return "[{\"labels\":{\"alertname\":\"CheckoutErrors\",\"service\":\"checkout\",\"severity\":\"critical\",\"run\":\""
                + run + "\"},\"annotations\":{\"summary\":\"Checkout error rate 12% " + run + "\"}"
                + (endsAt == null ? "" : ",\"endsAt\":\"" + endsAt + "\"") + "}]";
    }

    private static void post(String body, int status) {
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(body)
                .post("/api/v2/alerts").then().statusCode(status);
    }

    @Test
    void anAlertIsTriggeredOnceThenCountedThenResolved() {
        String run = UUID.randomUUID().toString();
        post(alert(run, null), 202);

        AlertTriggered triggered = alerts.await(AlertTriggered.class, t -> t.labels().get("run").equals(run), WAIT);
        assertEquals("checkout", triggered.service());
        assertEquals("Checkout error rate 12% " + run, triggered.summary());
        assertEquals(Urgency.PAGE, triggered.urgency());
        assertEquals("paged: severity critical", triggered.reason());

        // Prometheus re-sends a firing alert every evaluation: it is counted, and pages nobody again.
        post(alert(run, null), 202);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/alerts/" + triggered.alertId())
                .then().statusCode(200).body("alert.count", equalTo(2)).body("history.size()", equalTo(2)));

        post(alert(run, Instant.now().minusSeconds(1).toString()), 202);
        AlertResolved resolved = alerts.await(AlertResolved.class, r -> r.alertId().equals(triggered.alertId()), WAIT);
        assertEquals(triggered.dedupKey(), resolved.dedupKey());
        // The repeat was held back: exactly one AlertTriggered for this alert reached Kafka.
        alerts.poll();
        assertEquals(1, alerts.all(AlertTriggered.class, t -> t.labels().get("run").equals(run)).size());
        given().get("/api/v1/alerts?service=checkout&status=resolved").then().statusCode(200)
                .body("id", hasItem(triggered.alertId()));
    }

    @Test
    void badInputIsRefusedByNameAndNothingReachesKafka() {
        String run = UUID.randomUUID().toString();
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body("[{\"labels\":")
                .post("/api/v2/alerts").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("malformed JSON"));
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body("[{\"labels\":{\"bad-name\":\"" + run + "\"}}]")
                .post("/api/v2/alerts").then().statusCode(400).body("errors[0].field", equalTo("[0].labels.bad-name"));

        String oversized = "[" + String.join(",", java.util.Collections.nCopies(6,
                "{\"labels\":{\"alertname\":\"x\",\"run\":\"" + run + "\"}}")) + "]";
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(oversized)
                .post("/api/v2/alerts").then().statusCode(400).body("detail", containsString("at most 5 alerts"));

        // A valid alert posted afterwards arrives; the refused ones, posted before it, never did.
        String marker = UUID.randomUUID().toString();
        post(alert(marker, null), 202);
        signals.await(AlertSignalReceived.class, s -> marker.equals(s.labels().get("run")), WAIT);
        assertEquals(List.of(), signals.all(AlertSignalReceived.class, s -> s.labels().containsValue(run)));
    }

    @Test
    void anAlertNeedsAnActiveIntegrationKey() {
        given().contentType(ContentType.JSON).body(alert("x", null)).post("/api/v2/alerts").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-key").contentType(ContentType.JSON).body(alert("x", null))
                .post("/api/v2/alerts").then().statusCode(401).contentType("application/problem+json");

        String revoked = "revoked-" + UUID.randomUUID();
        String id = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"service\":\"checkout\",\"name\":\"old\",\"key\":\"" + revoked + "\"}")
                .post("/api/v1/integration-keys").then().statusCode(201).extract().path("id");
        given().header("Authorization", ADMIN).delete("/api/v1/integration-keys/" + id).then().statusCode(204);
        given().header("Authorization", "Bearer " + revoked).contentType(ContentType.JSON).body(alert("x", null))
                .post("/api/v2/alerts").then().statusCode(401);
    }

    @Test
    void managingKeysNeedsTheAdminToken() {
        given().contentType(ContentType.JSON).body("{\"service\":\"checkout\",\"name\":\"x\"}")
                .post("/api/v1/integration-keys").then().statusCode(401);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"service\":\"\",\"name\":\"x\"}")
                .post("/api/v1/integration-keys").then().statusCode(400).body("errors.field", hasItem("service"));
    }

    @Test
    void theAlertsProjectionIsRebuiltFromItsEvents() {
        String run = UUID.randomUUID().toString();
        post(alert(run, null), 202);
        AlertTriggered triggered = alerts.await(AlertTriggered.class, t -> t.labels().get("run").equals(run), WAIT);
        post(alert(run, null), 202);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/alerts/" + triggered.alertId())
                .then().body("alert.count", equalTo(2)));
        var before = given().get("/api/v1/alerts/" + triggered.alertId()).then().extract().jsonPath().getMap("alert");

        given().header("Authorization", ADMIN).post("/api/v1/admin/rebuild-projections").then().statusCode(200);

        var after = given().get("/api/v1/alerts/" + triggered.alertId()).then().statusCode(200).extract().jsonPath()
                .getMap("alert");
        assertEquals(before, after);
    }

    @Test
    void healthAndMetricsAreServed() {
        post(alert(UUID.randomUUID().toString(), null), 202);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("tocsin_alerts_received"));
    }
}
