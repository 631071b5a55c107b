package dev.tocsin.incident;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TocsinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** A record the timeline can never store, and one nobody can read, are parked; the next alert is still recorded. */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class DeadLettersIT {

    private static final String ADMIN = "Bearer test-admin-token";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void poisonedAndUnreadableRecordsAreParkedAndTheNextAlertIsOnTheTimeline() throws Exception {
        IncidentTimelineIT.Page poisoned = new IncidentTimelineIT.Page();
        IncidentTimelineIT.Page next = new IncidentTimelineIT.Page();
        String garbage = "{not an event " + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = Infrastructure.producer()) {
            // Neither text nor jsonb can hold a NUL: the timeline entry can never be written.
            AlertTriggered bad = new AlertTriggered(poisoned.alertId, poisoned.dedupKey, "checkout", "x\u0000y",
                    "critical", Urgency.PAGE, "paged", Map.of("alertname", "x\u0000y"), Map.of(),
                    IncidentTimelineIT.T, null, "alertmanager-v2", IncidentTimelineIT.T);
            producer.send(CloudEventRecords.toRecord(bad, "/tocsin/test", IncidentTimelineIT.T)).get(10, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.ALERTS, "garbage", garbage)).get(10, TimeUnit.SECONDS);
            producer.send(CloudEventRecords.toRecord(next.triggered(IncidentTimelineIT.T), "/tocsin/test",
                    IncidentTimelineIT.T)).get(10, TimeUnit.SECONDS);
        }

        await().atMost(PATIENCE).untilAsserted(() -> given().header("Authorization", ADMIN)
                .get("/api/v1/alerts/{id}/timeline", next.alertId).then().statusCode(200)
                .body("entries.kind", contains("alert.triggered")));
        await().atMost(PATIENCE).untilAsserted(() -> given().header("Authorization", ADMIN)
                .get("/api/v1/dead-letters").then().statusCode(200)
                .body("find { it.value.contains('" + poisoned.alertId + "') }.errorClass",
                        startsWith("invalid data (SQL state 22"))
                .body("find { it.value.contains('" + poisoned.alertId + "') }.consumer", equalTo("timeline-alerts"))
                .body("find { it.value == '" + garbage + "' }.errorClass", equalTo("unreadable record"))
                .body("find { it.value == '" + garbage + "' }.status", equalTo("PARKED")));
        // The gauge exists from start-up; what counts is that it counts both parked records.
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(matchesPattern("(?s).*tocsin_dead_letters_parked(\\{[^}]*})? ([2-9]|[1-9][0-9]+)\\..*")));
    }
}
