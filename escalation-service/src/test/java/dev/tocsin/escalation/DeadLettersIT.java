package dev.tocsin.escalation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.escalation.page.store.Pages;
import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.page.AcknowledgePage;
import dev.tocsin.events.page.PageAcknowledged;
import dev.tocsin.events.page.PageOpened;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A record escalation-service can never apply is parked, seen over the API and retried after a
 * fix; the alerts behind it still page.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class DeadLettersIT {

    private static final String ADMIN = "Bearer test-admin-token";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TopicReader published;
    private static KafkaProducer<String, String> producer;

    @Inject
    AgroalDataSource database;

    @BeforeAll
    static void connect() {
        published = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.PAGES);
        producer = Infrastructure.producer();
    }

    @AfterAll
    static void close() {
        published.close();
        producer.close();
    }

    private void configure() {
        put("/api/v1/users/dora", "{\"name\":\"Dora\",\"timeZone\":\"UTC\"}");
        put("/api/v1/schedules/dl-oncall", "{\"name\":\"DL\",\"timeZone\":\"UTC\",\"rotation\":"
                + "{\"start\":\"2020-01-06T09:00:00\",\"shiftLength\":\"P7D\",\"participants\":[\"dora\"]}}");
        put("/api/v1/escalation-policies/dl-policy", "{\"name\":\"DL\",\"repeat\":0,\"steps\":["
                + "{\"targets\":[{\"type\":\"SCHEDULE_PRIMARY\",\"id\":\"dl-oncall\"}],\"deadline\":\"PT5M\"}]}");
        put("/api/v1/services/dl", "{\"name\":\"DL\",\"criticality\":\"CRITICAL\",\"escalationPolicy\":\"dl-policy\"}");
    }

    @Test
    void aPoisonedAlertAndAnUnreadableRecordAreParkedAndTheNextAlertStillPages() throws Exception {
        configure();
        // jsonb refuses \u0000, so the page's events can never be stored.
        AlertTriggered poisoned = alert("x\u0000y");
        producer.send(CloudEventRecords.toRecord(poisoned, "/test", Instant.now())).get();
        producer.send(new ProducerRecord<>(Topics.ALERTS, "garbage-" + UUID.randomUUID(), "{not an event")).get();
        AlertTriggered next = alert("Checkout errors");
        producer.send(CloudEventRecords.toRecord(next, "/test", Instant.now())).get();

        published.await(PageOpened.class, p -> next.alertId().equals(p.alertId()), WAIT);
        JsonPath letter = awaitParked(poisoned.alertId());
        assertEquals("invalid data (SQL state 22P05)", letter.getString("errorClass"));
        assertEquals("escalation.alerts", letter.getString("consumer"));
        // The garbage went to a partition of its own: wait for it there too.
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", ADMIN)
                .get("/api/v1/dead-letters").then().statusCode(200)
                .body("find { it.value == '{not an event' }.errorClass", equalTo("unreadable record"))
                .body("find { it.value == '{not an event' }.error", containsString("not a CloudEvent")));

        // Nothing was fixed: the retry parks it again, with the same reason in PostgreSQL's words.
        given().header("Authorization", ADMIN).post("/api/v1/dead-letters/" + letter.getLong("id") + "/retry")
                .then().statusCode(200).body("status", equalTo("RETRIED")).body("attempts", equalTo(2))
                .body("error", equalTo("unsupported Unicode escape sequence: \\u0000 cannot be converted to text."));
    }

    @Test
    void aPoisonedAcknowledgementIsParkedAndTheNextOneStopsThePage() throws Exception {
        configure();
        AlertTriggered alert = alert("Checkout saturation");
        producer.send(CloudEventRecords.toRecord(alert, "/test", Instant.now())).get();
        PageOpened opened = published.await(PageOpened.class, p -> alert.alertId().equals(p.alertId()), WAIT);
        // Same alert, so same partition: the good acknowledgement waits behind the poisoned one.
        producer.send(CloudEventRecords.toRecord(new AcknowledgePage(alert.alertId(), null, "x\u0000y", "test",
                Instant.now()), "/test", Instant.now())).get();
        producer.send(CloudEventRecords.toRecord(new AcknowledgePage(alert.alertId(), null, "dora", "test",
                Instant.now()), "/test", Instant.now())).get();

        PageAcknowledged acknowledged = published.await(PageAcknowledged.class,
                p -> p.pageId().equals(opened.pageId()), WAIT);
        assertEquals("dora", acknowledged.by());
        JsonPath letter = awaitParked(alert.alertId(), Topics.PAGE_COMMANDS);
        assertEquals("escalation.page-commands", letter.getString("consumer"));
        assertEquals("invalid data (SQL state 22P05)", letter.getString("errorClass"));
    }

    @Test
    void aRetryAfterTheFixAppliesTheParkedRecordInPlace() throws Exception {
        configure();
        AlertTriggered alert = alert("Checkout latency");
        String pageId = Pages.idFor(alert.alertId());
        // A broken deployment: the database refuses this page's events, whoever writes them.
        String constraint = "refuse_" + pageId.replace("-", "");
        sql("alter table event_store add constraint " + constraint + " check (aggregate_id <> '" + pageId
                + "') not valid");
        try {
            producer.send(CloudEventRecords.toRecord(alert, "/test", Instant.now())).get();
            JsonPath letter = awaitParked(alert.alertId());
            assertEquals("integrity violation (SQL state 23514)", letter.getString("errorClass"));
            sql("alter table event_store drop constraint " + constraint);
            given().header("Authorization", ADMIN).post("/api/v1/dead-letters/" + letter.getLong("id") + "/retry")
                    .then().statusCode(200).body("status", equalTo("RESOLVED"));
        } finally {
            sql("alter table event_store drop constraint if exists " + constraint);
        }
        published.await(PageOpened.class, p -> alert.alertId().equals(p.alertId()), WAIT);
        given().header("Authorization", ADMIN).get("/api/v1/pages/" + pageId).then().statusCode(200);
    }

    @Test
    void anUnknownDeadLetterIsAProblem() {
        given().header("Authorization", ADMIN).get("/api/v1/dead-letters/999999999").then().statusCode(404)
                .contentType("application/problem+json");
        given().header("Authorization", ADMIN).post("/api/v1/dead-letters/nope/retry").then().statusCode(404)
                .contentType("application/problem+json");
    }

    /** The dead letter of the alert, once parked. */
    private static JsonPath awaitParked(String alertId) {
        return awaitParked(alertId, Topics.ALERTS);
    }

    private static JsonPath awaitParked(String alertId, String topic) {
        Awaitility.await("dead letter of " + alertId).atMost(WAIT).until(() -> letters().stream()
                .anyMatch(l -> topic.equals(l.get("topic")) && String.valueOf(l.get("value")).contains(alertId)));
        Object id = letters().stream().filter(l -> topic.equals(l.get("topic"))
                && String.valueOf(l.get("value")).contains(alertId)).findFirst().orElseThrow().get("id");
        return given().header("Authorization", ADMIN).get("/api/v1/dead-letters/" + id).then().statusCode(200)
                .body("status", equalTo("PARKED")).extract().jsonPath();
    }

    private static List<Map<String, Object>> letters() {
        return given().header("Authorization", ADMIN).get("/api/v1/dead-letters").then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    private static AlertTriggered alert(String summary) {
        String id = "alert-" + UUID.randomUUID();
        return new AlertTriggered(id, "fp-" + id, "dl", summary, "critical", Urgency.PAGE, "test",
                Map.of("service", "dl"), Map.of(), Instant.now(), null, "alertmanager-v2", Instant.now());
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = database.getConnection()) {
            c.createStatement().execute(statement);
        }
    }

    private static void put(String path, String body) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body).put(path)
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
    }
}
