package dev.tocsin.ingest;

import static dev.tocsin.ingest.Intake.ADMIN;
import static dev.tocsin.ingest.Intake.alert;
import static dev.tocsin.ingest.Intake.post;
import static dev.tocsin.ingest.Intake.postRaw;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Drill;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.signal.AlertSignalReceived;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * alert-ingest against a real Kafka broker and PostgreSQL: alerts posted over HTTP, what the
 * service published read back from Kafka with a real consumer. Every test uses its own label
 * values, so tests sharing the broker and database never see each other's alerts.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class AlertIngestIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static String key;
    private static TopicReader alerts;
    private static TopicReader signals;

    @BeforeEach
    void setUp() {
        // Not @BeforeAll: the application, which creates the key, is not up yet when that runs.
        if (key != null) {
            return;
        }
        key = Intake.createKey("checkout").secret();
        alerts = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.ALERTS);
        signals = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.ALERT_SIGNALS);
    }

    @AfterAll
    static void tearDown() {
        alerts.close();
        signals.close();
    }

    private static Map<String, Object> checkoutErrors(String run, String endsAt) {
        return alert(Map.of("alertname", "CheckoutErrors", "service", "checkout", "severity", "critical", "run", run),
                Map.of("summary", "Checkout error rate 12% " + run), endsAt);
    }

    private static List<AlertTriggered> triggered(String run) {
        alerts.poll();
        return alerts.all(AlertTriggered.class, t -> run.equals(t.labels().get("run")));
    }

    @Test
    void anAlertPagesOnceIsCountedWhileItFiresAndResolves() {
        String run = UUID.randomUUID().toString();
        post(key, List.of(checkoutErrors(run, null))).statusCode(202)
                .body("status", equalTo("success")).body("accepted", equalTo(1));

        AlertTriggered triggered = alerts.await(AlertTriggered.class, t -> run.equals(t.labels().get("run")), WAIT);
        assertEquals("checkout", triggered.service());
        assertEquals("Checkout error rate 12% " + run, triggered.summary());
        assertEquals(Map.of("alertname", "CheckoutErrors", "service", "checkout", "severity", "critical", "run", run),
                triggered.labels());
        // checkout has no service profile here, so no SLO: a critical alert becomes a ticket, and says why.
        assertEquals(Urgency.TICKET, triggered.urgency());
        assertEquals("ticket: severity critical, but tied to no SLO of checkout (checkout has no service profile)",
                triggered.reason());
        assertEquals(null, triggered.userFacingSlo());
        assertEquals("http://prometheus:9090/graph?g0.expr=up", triggered.generatorUrl());

        // Prometheus re-sends a firing alert every evaluation: it is counted, and pages nobody again.
        post(key, List.of(checkoutErrors(run, null))).statusCode(202);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", ADMIN)
                .get("/api/v1/alerts/" + triggered.alertId())
                .then().statusCode(200).body("alert.count", equalTo(2)).body("alert.status", equalTo("OPEN"))
                .body("history.event", equalTo(List.of("AlertOpened", "AlertRepeated")))
                .body("history[0].decision", equalTo("TICKET, PUBLISHED"))
                .body("history[0].reason", containsString("tied to no SLO")));

        post(key, List.of(checkoutErrors(run, Instant.now().minusSeconds(1).toString()))).statusCode(202);
        AlertResolved resolved = alerts.await(AlertResolved.class, r -> r.alertId().equals(triggered.alertId()), WAIT);
        assertEquals(triggered.dedupKey(), resolved.dedupKey());
        assertEquals("checkout", resolved.service());
        // The repeat was held back: the resolution came after it, and still one AlertTriggered exists.
        assertEquals(1, triggered(run).size());
        given().header("Authorization", ADMIN).get("/api/v1/alerts/" + triggered.alertId()).then().statusCode(200)
                .body("alert.status", equalTo("RESOLVED")).body("alert.resolvedAt", not(nullValue()))
                .body("history.event", equalTo(List.of("AlertOpened", "AlertRepeated", "AlertClosed")));
        given().header("Authorization", ADMIN)
                .get("/api/v1/alerts?service=checkout&status=resolved").then().statusCode(200)
                .body("id", hasItem(triggered.alertId())).body("status", everyItem(equalTo("RESOLVED")));
    }

    @Test
    void aDrillReplaysAResolvedAlertThroughThePipelineMarkedAsADrill() {
        String run = UUID.randomUUID().toString();
        post(key, List.of(checkoutErrors(run, null))).statusCode(202);
        AlertTriggered real = alerts.await(AlertTriggered.class, t -> run.equals(t.labels().get("run")), WAIT);
        drill(Map.of("replay", real.alertId())).statusCode(400).body("errors[0].field", equalTo("replay"))
                .body("errors[0].message", containsString("still open"));
        post(key, List.of(checkoutErrors(run, Instant.now().minusSeconds(1).toString()))).statusCode(202);
        alerts.await(AlertResolved.class, r -> r.alertId().equals(real.alertId()), WAIT);

        // Practised on what really happened: the ticket it was pages now, as a drill.
        String drill = drill(Map.of("replay", real.alertId())).statusCode(202).body("service", equalTo("checkout"))
                .body("summary", equalTo("DRILL: replay of Checkout error rate 12% " + run)).extract().path("drillId");
        AlertTriggered replayed = alerts.await(AlertTriggered.class, t -> drill.equals(t.labels().get(Drill.LABEL)),
                WAIT);
        assertEquals(Urgency.PAGE, replayed.urgency());
        assertEquals(Map.of("alertname", "CheckoutErrors", "service", "checkout", "severity", "critical", "run", run,
                Drill.LABEL, drill), replayed.labels());
        assertEquals("DRILL: replay of Checkout error rate 12% " + run, replayed.summary());
        drill(Map.of("replay", real.alertId(), "service", "payments")).statusCode(400)
                .body("errors[0].message", containsString("is of service checkout, not payments"));
        drill(Map.of("replay", "no-such-" + run)).statusCode(404);
    }

    private static ValidatableResponse drill(Map<String, Object> body) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body)
                .post("/api/v1/drills").then();
    }

    @Test
    void firingAgainAfterResolvingIsANewAlert() {
        String run = UUID.randomUUID().toString();
        post(key, List.of(checkoutErrors(run, null))).statusCode(202);
        AlertTriggered first = alerts.await(AlertTriggered.class, t -> run.equals(t.labels().get("run")), WAIT);
        post(key, List.of(checkoutErrors(run, Instant.now().minusSeconds(1).toString()))).statusCode(202);
        alerts.await(AlertResolved.class, r -> r.alertId().equals(first.alertId()), WAIT);

        post(key, List.of(checkoutErrors(run, null))).statusCode(202);
        Awaitility.await().atMost(WAIT).until(() -> triggered(run).size() == 2);
        AlertTriggered second = triggered(run).get(1);
        assertEquals(first.dedupKey(), second.dedupKey());
        assertEquals(2, triggered(run).stream().map(AlertTriggered::alertId).distinct().count());
    }

    @Test
    void anAlertWithoutSeverityTakesItsServiceFromTheKey() {
        String run = UUID.randomUUID().toString();
        post(key, List.of(alert(Map.of("alertname", "DiskFull", "run", run), Map.of(), null))).statusCode(202);
        AlertTriggered triggered = alerts.await(AlertTriggered.class, t -> run.equals(t.labels().get("run")), WAIT);
        assertEquals("checkout", triggered.service());
        assertEquals("DiskFull", triggered.summary());
        assertNull(triggered.severity());
        assertEquals(Urgency.TICKET, triggered.urgency());
        assertEquals("ticket: no severity label (treated as critical), but tied to no SLO of checkout "
                + "(checkout has no service profile)", triggered.reason());
        given().header("Authorization", ADMIN)
                .get("/api/v1/alerts?limit=1000").then().statusCode(200).body("id", hasItem(triggered.alertId()));
    }

    @Test
    void aBatchIsAcceptedWholeAndEachAlertIsDecidedOnItsOwn() {
        String run = UUID.randomUUID().toString();
        var warning = alert(Map.of("alertname", "SlowCheckout", "severity", "warning", "run", run), Map.of(), null);
        var info = alert(Map.of("alertname", "DeployDone", "severity", "info", "run", run), Map.of(), null);
        post(key, List.of(warning, info)).statusCode(202).body("accepted", equalTo(2));
        Awaitility.await().atMost(WAIT).until(() -> triggered(run).size() == 2);
        assertEquals(Map.of("SlowCheckout", Urgency.TICKET, "DeployDone", Urgency.LOG), Map.of(
                triggered(run).get(0).labels().get("alertname"), triggered(run).get(0).urgency(),
                triggered(run).get(1).labels().get("alertname"), triggered(run).get(1).urgency()));
    }

    @Test
    void badInputIsRefusedByNameAndNothingOfItReachesKafka() {
        String run = UUID.randomUUID().toString();
        postRaw("Bearer " + key, "[{\"labels\":{\"run\":\"" + run + "\"").statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("malformed JSON"));
        postRaw("Bearer " + key, "[{\"labels\":{\"run\":\"" + run + "\"},\"startsAt\":\"yesterday\"}]")
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("[0].startsAt"));
        // Each alert of a batch is decided on its own: the valid first one is kept, the invalid second named.
        post(key, List.of(checkoutErrors(run, null), alert(Map.of("bad-name", run), Map.of(), null))).statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("[1].labels"))
                .body("errors[0].message", containsString("bad-name")).body("accepted", equalTo(1));
        post(key, List.of(alert(Map.of("run", run), Map.of(), "2020-01-01T00:00:00Z"))).statusCode(400)
                .body("errors[0].field", equalTo("[0].endsAt"));
        post(key, Collections.nCopies(6, checkoutErrors(run, null))).statusCode(400)
                .body("detail", containsString("at most 5 alerts"));

        // A valid alert posted afterwards arrives; of those posted before it, only the valid one of the batch did.
        String marker = UUID.randomUUID().toString();
        post(key, List.of(checkoutErrors(marker, null))).statusCode(202);
        signals.await(AlertSignalReceived.class, s -> marker.equals(s.labels().get("run")), WAIT);
        assertEquals(List.of("CheckoutErrors"), signals.all(AlertSignalReceived.class,
                s -> run.equals(s.labels().get("run")) || run.equals(s.labels().get("bad-name")))
                .stream().map(s -> s.labels().get("alertname")).toList());
    }

    @Test
    void anAlertNeedsAnActiveIntegrationKey() {
        String body = "[{\"labels\":{\"alertname\":\"x\"}}]";
        postRaw(null, body).statusCode(401).contentType("application/problem+json");
        postRaw("Bearer not-a-key", body).statusCode(401).contentType("application/problem+json");
        // The key is checked before the body is read: a stranger learns nothing about its JSON.
        postRaw("Bearer not-a-key", "[{").statusCode(401);

        Intake.Key revoked = Intake.createKey("checkout");
        postRaw("Bearer " + revoked.secret(), body).statusCode(202);
        given().header("Authorization", ADMIN)
                .delete("/api/v1/integration-keys/" + revoked.id()).then().statusCode(204);
        postRaw("Bearer " + revoked.secret(), body).statusCode(401);
        given().header("Authorization", ADMIN).get("/api/v1/integration-keys").then().statusCode(200)
                .body("find { it.id == '" + revoked.id() + "' }.revokedAt", not(nullValue()));
        // Revoking twice is not a silent success: there is no active key with that id any more.
        given().header("Authorization", ADMIN)
                .delete("/api/v1/integration-keys/" + revoked.id()).then().statusCode(404);
    }

    @Test
    void prometheusBasicAuthCarriesTheKeyAsThePassword() {
        String basic = Base64.getEncoder().encodeToString(("prometheus:" + key).getBytes(StandardCharsets.UTF_8));
        postRaw("Basic " + basic, "[{\"labels\":{\"alertname\":\"x\"}}]").statusCode(202);
    }

    @Test
    void integrationKeysAreManagedWithTheAdminTokenAndTheirSecretsNeverShownAgain() {
        given().contentType(ContentType.JSON).body("{\"service\":\"checkout\",\"name\":\"x\"}")
                .post("/api/v1/integration-keys").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer wrong").delete("/api/v1/integration-keys/x").then().statusCode(401);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"service\":\"\",\"name\":\"x\"}")
                .post("/api/v1/integration-keys").then().statusCode(400).body("errors.field", hasItem("service"));

        // Without a key in the request, a random one is made and shown once.
        Directory.services("payments");
        String secret = given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"service\":\"payments\",\"name\":\"prometheus-eu\"}").post("/api/v1/integration-keys")
                .then().statusCode(201).body("service", equalTo("payments")).extract().path("key");
        assertEquals(43, secret.length());
        String listing = given().header("Authorization", ADMIN)
                .get("/api/v1/integration-keys").then().statusCode(200).extract().asString();
        assertEquals(false, listing.contains(secret));
        postRaw("Bearer " + secret, "[{\"labels\":{\"alertname\":\"x\"}}]").statusCode(202);
    }

    @Test
    void healthMetricsAndTheApiDescriptionAreServed() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v2/alerts"))
                .body(containsString("/api/v1/integration-keys"));
        post(key, List.of(checkoutErrors(UUID.randomUUID().toString(), null))).statusCode(202);
        // Ready once the directory projection caught up (it is what tokens are checked against), lag shown.
        Directory.services("health-" + UUID.randomUUID().toString().substring(0, 8));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'directory' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'directory' }.data.lag", equalTo(0)));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("tocsin_alerts_received_total"))
                .body(containsString("tocsin_alerts_triggered_total"))
                .body(containsString("tocsin_alerts_accept_seconds_count")));
    }
}
