package dev.tocsin.ingest;

import static dev.tocsin.ingest.Intake.ADMIN;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.SignalAction;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A signal the decision pipeline can never store, produced straight to {@code tocsin.alert-signals}
 * as intake would have before it refused such input: it is parked, visible and retryable, and the
 * signals around it, on the same partition and in the same poll, are decided and page.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class PoisonedSignalsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TopicReader alerts;
    private static KafkaProducer<String, String> producer;
    private String service;

    @Inject
    AgroalDataSource database;

    @BeforeAll
    static void connect() {
        alerts = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.ALERTS);
        producer = Infrastructure.producer();
    }

    @AfterAll
    static void close() {
        alerts.close();
        producer.close();
    }

    @BeforeEach
    void criticalPages() {
        service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
        Directory.services(service);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"" + service + "\",\"criticality\":\"USER_FACING\",\"urgencyRules\":[{\"matchers\":"
                        + "[{\"name\":\"severity\",\"op\":\"=\",\"value\":\"critical\"}],\"urgency\":\"PAGE\"}]}")
                .put("/api/v1/services/" + service).then().statusCode(201);
    }

    @Test
    void aNulInALabelIsParkedAndEverySignalAroundItPages() {
        // Four new page alerts of the service in all: fewer than a storm, so each pages on its own.
        List<AlertSignalReceived> good = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            good.add(signal("before-" + i));
            send(good.get(i));
        }
        // jsonb refuses \u0000: the alert's events and row can never be stored.
        AlertSignalReceived poisoned = signal("x\u0000y");
        send(poisoned);
        send(new ProducerRecord<>(Topics.ALERT_SIGNALS, 0, "garbage", "{not a signal"));
        for (int i = 0; i < 1; i++) {
            good.add(signal("after-" + i));
            send(good.get(good.size() - 1));
        }
        producer.flush();

        for (AlertSignalReceived signal : good) {
            AlertTriggered alert = alerts.await(AlertTriggered.class, a -> a.dedupKey().equals(signal.dedupKey()), WAIT);
            assertEquals(Urgency.PAGE, alert.urgency());
        }
        JsonPath letter = awaitParked(poisoned.dedupKey());
        assertEquals("invalid data (SQL state 22P05)", letter.getString("errorClass"));
        assertTrue(letter.getString("error").contains("Unicode"), letter.getString("error"));
        assertEquals(0, letter.getInt("partition"));
        assertTrue(letter.getString("value").contains("x\\u0000y"), "the value as received, JSON-escaped");
        given().header("Authorization", ADMIN).get("/api/v1/dead-letters").then().statusCode(200)
                .body("find { it.value == '{not a signal' }.errorClass", equalTo("unreadable record"));

        // Nothing fixed: deciding it again parks it again, and the partition moved on meanwhile.
        given().header("Authorization", ADMIN).post("/api/v1/dead-letters/" + letter.getLong("id") + "/retry")
                .then().statusCode(200).body("status", equalTo("RETRIED")).body("attempts", equalTo(2))
                .body("error", containsString("Unicode"));
        AlertSignalReceived later = signal("later");
        send(later);
        alerts.await(AlertTriggered.class, a -> a.dedupKey().equals(later.dedupKey()), WAIT);
    }

    @Test
    void aParkedSignalRetriedAfterTheFixIsDecidedAndPages() throws Exception {
        AlertSignalReceived signal = signal("refused");
        // A broken deployment: the database refuses this alert's row.
        String constraint = "refuse_" + UUID.randomUUID().toString().replace("-", "");
        sql("alter table alerts add constraint " + constraint + " check (dedup_key <> '" + signal.dedupKey()
                + "') not valid");
        try {
            send(signal);
            producer.flush();
            JsonPath letter = awaitParked(signal.dedupKey());
            assertEquals("integrity violation (SQL state 23514)", letter.getString("errorClass"));
            sql("alter table alerts drop constraint " + constraint);
            given().header("Authorization", ADMIN).post("/api/v1/dead-letters/" + letter.getLong("id") + "/retry")
                    .then().statusCode(200).body("status", equalTo("RESOLVED"));
        } finally {
            sql("alter table alerts drop constraint if exists " + constraint);
        }
        AlertTriggered alert = alerts.await(AlertTriggered.class, a -> a.dedupKey().equals(signal.dedupKey()), WAIT);
        assertEquals(Urgency.PAGE, alert.urgency());
    }

    private AlertSignalReceived signal(String alertname) {
        String key = service + "-" + UUID.randomUUID();
        Map<String, String> labels = Map.of("alertname", alertname, "service", service, "severity", "critical");
        return new AlertSignalReceived(UUID.randomUUID(), key, SignalAction.TRIGGER, service, "summary of " + key, "critical",
                labels, Map.of(), Instant.now(), null, null, "alertmanager-v2", Instant.now());
    }

    /** On partition 0, so the poisoned signal sits between the others in one partition's order. */
    private static void send(IntegrationEvent signal) {
        ProducerRecord<String, String> record = CloudEventRecords.toRecord(signal, "/test", Instant.now());
        send(new ProducerRecord<>(record.topic(), 0, record.key(), record.value(), record.headers()));
    }

    private static void send(ProducerRecord<String, String> record) {
        producer.send(record);
    }

    private static JsonPath awaitParked(String dedupKey) {
        Awaitility.await("dead letter of " + dedupKey).atMost(WAIT).until(() -> idOf(dedupKey) != null);
        return given().header("Authorization", ADMIN).get("/api/v1/dead-letters/" + idOf(dedupKey)).then()
                .statusCode(200).body("status", equalTo("PARKED")).body("consumer", equalTo("ingest.alert-signals"))
                .body("topic", equalTo(Topics.ALERT_SIGNALS)).extract().jsonPath();
    }

    private static Object idOf(String dedupKey) {
        List<Map<String, Object>> letters = given().header("Authorization", ADMIN).get("/api/v1/dead-letters")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return letters.stream().filter(l -> dedupKey.equals(l.get("key"))).map(l -> l.get("id")).findFirst()
                .orElse(null);
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = database.getConnection()) {
            c.createStatement().execute(statement);
        }
    }
}
