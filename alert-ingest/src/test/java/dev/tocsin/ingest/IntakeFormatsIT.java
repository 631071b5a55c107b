package dev.tocsin.ingest;

import static dev.tocsin.ingest.IntakeCalls.fingerprint;
import static dev.tocsin.ingest.IntakeCalls.fixture;
import static dev.tocsin.ingest.IntakeCalls.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.Link;
import dev.tocsin.events.change.ChangeReceived;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.SignalAction;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each intake format posted over HTTP as its vendor documents it (the fixtures under
 * src/test/resources/formats, made unique per test), and what alert-ingest made durable read back
 * from Kafka with a real consumer.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class IntakeFormatsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static Intake.Key key;
    private static TopicReader signals;
    private static TopicReader changes;

    @BeforeEach
    void setUp() {
        // Not @BeforeAll: the application, which creates the key, is not up yet when that runs.
        if (key != null) {
            return;
        }
        key = Intake.createKey("payments", Map.of());
        signals = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.ALERT_SIGNALS);
        changes = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.CHANGES);
    }

    @AfterAll
    static void tearDown() {
        signals.close();
        changes.close();
    }

    private static AlertSignalReceived signal(String run, SignalAction action) {
        return signals.await(AlertSignalReceived.class,
                s -> run.equals(s.labels().get("run")) && s.action() == action, WAIT);
    }

    private static AlertSignalReceived signalWithKey(String dedupKey, SignalAction action) {
        return signals.await(AlertSignalReceived.class,
                s -> dedupKey.equals(s.dedupKey()) && s.action() == action, WAIT);
    }

    @Test
    void alertmanagersWebhookNotificationBecomesOneSignalPerAlert() {
        String run = UUID.randomUUID().toString();
        String fingerprint = fingerprint();
        ObjectNode message = fixture("alertmanager-webhook-v4.json");
        ObjectNode alert = (ObjectNode) ((ArrayNode) message.get("alerts")).get(0);
        ((ObjectNode) alert.get("labels")).put("run", run);
        alert.put("fingerprint", fingerprint);
        post("/hooks/alertmanager", key.secret(), message).statusCode(202)
                .body("status", equalTo("success")).body("accepted", equalTo(1));

        AlertSignalReceived fired = signal(run, SignalAction.TRIGGER);
        // The sender's fingerprint, namespaced by the alert's service (here the key's own).
        assertEquals("payments/" + fingerprint, fired.dedupKey());
        assertEquals("BlackBox Probe Failure: https://server.example.org", fired.summary());
        assertEquals("critical", fired.severity());
        assertEquals("alertmanager-webhook-v4", fired.source());
        assertEquals(key.id(), fired.keyId());

        alert.put("status", "resolved").put("endsAt", "2023-02-06T13:18:45.828Z");
        message.put("status", "resolved");
        post("/hooks/alertmanager", key.secret(), message).statusCode(202);
        assertEquals("payments/" + fingerprint, signal(run, SignalAction.RESOLVE).dedupKey());
    }

    @Test
    void grafanasDocumentedNotificationBecomesOneSignalPerAlert() {
        String run = UUID.randomUUID().toString();
        ObjectNode message = fixture("grafana-webhook.json");
        for (var alert : ((ArrayNode) message.get("alerts"))) {
            ((ObjectNode) alert.get("labels")).put("run", run);
            ((ObjectNode) alert).put("fingerprint", fingerprint());
        }
        ObjectNode first = (ObjectNode) ((ArrayNode) message.get("alerts")).get(0);
        first.put("dashboardURL", "https://play.grafana.org/d/abc");
        post("/hooks/grafana", key.secret(), message).statusCode(202).body("accepted", equalTo(2));

        Awaitility.await().atMost(WAIT).until(() -> {
            signals.poll();
            return signals.all(AlertSignalReceived.class, s -> run.equals(s.labels().get("run"))).size() == 2;
        });
        AlertSignalReceived memory = signals.all(AlertSignalReceived.class,
                s -> run.equals(s.labels().get("run")) && "High memory usage".equals(s.labels().get("alertname")))
                .get(0);
        assertEquals("payments/" + first.get("fingerprint").asText(), memory.dedupKey());
        assertEquals(List.of(new Link("https://play.grafana.org/d/abc", "Grafana dashboard")), memory.links());
        assertEquals(Map.of("B", 44.23943737541908, "C", 1), memory.details().get("values"));
        assertEquals("grafana", memory.source());
    }

    @Test
    void pagerDutyEventsTriggerAcknowledgeAndResolveOneAlert() {
        String dedupKey = "it-" + UUID.randomUUID();
        ObjectNode trigger = fixture("pagerduty-trigger.json").put("routing_key", key.secret())
                .put("dedup_key", dedupKey);
        // No Authorization header: the routing key in the body is the credential.
        post("/v2/enqueue", null, trigger).statusCode(202).contentType(containsString("application/json"))
                .body("status", equalTo("success")).body("message", equalTo("Event processed"))
                .body("dedup_key", equalTo(dedupKey));
        AlertSignalReceived triggered = signalWithKey("payments/" + dedupKey, SignalAction.TRIGGER);
        assertEquals("Example alert on host1.example.com", triggered.summary());
        assertEquals("info", triggered.severity());
        assertEquals("postgres", triggered.labels().get("component"));
        assertEquals(Map.of("ping time", "1500ms", "load avg", 0.75), triggered.details());
        assertEquals("payments", triggered.service());
        assertEquals(key.id(), triggered.keyId());

        for (String follow : List.of("pagerduty-acknowledge.json", "pagerduty-resolve.json")) {
            post("/v2/enqueue", null, fixture(follow).put("routing_key", key.secret()).put("dedup_key", dedupKey))
                    .statusCode(202).body("dedup_key", equalTo(dedupKey));
        }
        signalWithKey("payments/" + dedupKey, SignalAction.ACKNOWLEDGE);
        signalWithKey("payments/" + dedupKey, SignalAction.RESOLVE);
    }

    @Test
    void aPagerDutyTriggerWithoutDedupKeyIsGivenOne() {
        String dedupKey = post("/v2/enqueue", null, fixture("pagerduty-trigger-minimal.json")
                .put("routing_key", key.secret())).statusCode(202)
                .body("dedup_key", matchesPattern("[0-9a-f]{32}")).extract().path("dedup_key");
        assertEquals("critical", signalWithKey("payments/" + dedupKey, SignalAction.TRIGGER).severity());
    }

    @Test
    void aPagerDutyChangeEventIsPublishedOnTheChangesTopic() {
        String summary = "Deploy " + UUID.randomUUID();
        ObjectNode change = fixture("pagerduty-change.json").put("routing_key", key.secret());
        ((ObjectNode) change.get("payload")).put("summary", summary);
        post("/v2/change/enqueue", null, change).statusCode(202)
                .body("status", equalTo("success")).body("message", equalTo("Change event processed"));
        ChangeReceived received = changes.await(ChangeReceived.class, c -> summary.equals(c.summary()), WAIT);
        assertEquals("payments", received.service());
        assertEquals("acme-build-pipeline-tool-default-i-9999", received.source());
        assertEquals("pagerduty-change-v2", received.format());
        assertEquals(List.of(new Link("https://acme.pagerduty.dev/build/2", "View more details in Acme!")),
                received.links());
    }

    @Test
    void theGenericWebhookTriggersAndResolvesByDedupKey() {
        String dedupKey = "it-" + UUID.randomUUID();
        ObjectNode event = fixture("generic-webhook.json").put("dedup_key", dedupKey);
        post("/hooks/generic", key.secret(), event).statusCode(202)
                .body("status", equalTo("success")).body("dedup_key", equalTo(dedupKey));
        AlertSignalReceived triggered = signalWithKey("payments/" + dedupKey, SignalAction.TRIGGER);
        assertEquals("Checkout p99 latency above 2 s for 10 minutes", triggered.summary());
        assertEquals("synthetics-eu-1", triggered.labels().get("source"));

        post("/hooks/generic", key.secret(), "{\"action\":\"resolve\",\"dedup_key\":\"" + dedupKey + "\"}")
                .statusCode(202);
        signalWithKey("payments/" + dedupKey, SignalAction.RESOLVE);
    }

    @Test
    void everyFormatIsCountedAndDescribed() {
        post("/hooks/generic", key.secret(), "{\"summary\":\"metrics " + UUID.randomUUID() + "\"}").statusCode(202);
        post("/hooks/generic", key.secret(), "{\"summary\":\" \"}").statusCode(400);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("tocsin_alerts_received_total{source=\"generic-webhook\"}"))
                .body(containsString("tocsin_alerts_accept_seconds_count{outcome=\"accepted\",source=\"generic-webhook\"}"))
                .body(containsString("tocsin_intake_rejected_total{reason=\"invalid\",source=\"generic-webhook\"}"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/hooks/alertmanager"))
                .body(containsString("/hooks/grafana")).body(containsString("/hooks/generic"))
                .body(containsString("/v2/enqueue")).body(containsString("/v2/change/enqueue"))
                .body(containsString("decided alert by alert"));
    }
}
