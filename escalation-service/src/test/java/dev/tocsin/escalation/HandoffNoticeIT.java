package dev.tocsin.escalation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.escalation.handoff.HandoffNotices;
import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.eventing.DeadlineEngine;
import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.events.page.AcknowledgePage;
import dev.tocsin.events.page.PageAcknowledged;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import dev.tocsin.testing.api.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The shift handoff notice, driven by the test clock: when the daily rotation hands off, the
 * incoming primary and secondary are each told, once, which pages of the schedule's services are
 * still open, acknowledged ones included; a schedule whose services have no open page hands off silently and moves on.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class HandoffNoticeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TestClock clock;

    @Inject
    DeadlineEngine engine;

    @Inject
    AgroalDataSource database;

    @Test
    void whoeverStartsAShiftIsToldWhichPagesAreStillOpen() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String busy = "handoff-" + run;
        String quiet = "quiet-" + run;
        PageFixtures.put("/api/v1/users/alice", "{\"name\":\"Alice\",\"timeZone\":\"UTC\"}");
        PageFixtures.put("/api/v1/users/bob", "{\"name\":\"Bob\",\"timeZone\":\"UTC\"}");
        for (String schedule : List.of(busy, quiet)) {
            PageFixtures.put("/api/v1/schedules/" + schedule, "{\"name\":\"" + schedule + "\",\"timeZone\":\"UTC\",\"rotation\":"
                    + "{\"start\":\"2020-01-06T09:00:00\",\"shiftLength\":\"P1D\",\"participants\":[\"alice\",\"bob\"]}}");
        }
        PageFixtures.put("/api/v1/escalation-policies/" + busy, "{\"name\":\"Busy\",\"repeat\":0,\"steps\":[{\"targets\":"
                + "[{\"type\":\"SCHEDULE_PRIMARY\",\"id\":\"" + busy + "\"}],\"deadline\":\"PT60M\"}]}");
        PageFixtures.put("/api/v1/services/" + busy, "{\"name\":\"Busy\",\"criticality\":\"LOW\",\"escalationPolicy\":\"" + busy
                + "\"}");

        try (TopicReader published = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.PAGES,
                Topics.NOTIFY_REQUESTS); KafkaProducer<String, String> producer = Infrastructure.producer()) {
            String alertId = "alert-" + UUID.randomUUID();
            producer.send(CloudEventRecords.toRecord(new AlertTriggered(alertId, "fp-" + alertId, busy,
                    "Queue backlog growing", "warning", Urgency.PAGE, "test", Map.of("service", busy), Map.of(),
                    Instant.now(), null, "alertmanager-v2", Instant.now()), "/test", Instant.now())).get();
            PageOpened page = published.await(PageOpened.class, p -> alertId.equals(p.alertId()), WAIT);
            // Acknowledged, so the jump to the handoff does not also exhaust the page's one step (an hour at
            // most): which of the two deadlines fires first would otherwise decide the status the notice shows.
            producer.send(CloudEventRecords.toRecord(new AcknowledgePage(alertId, page.pageId(), "alice", "test",
                    Instant.now()), "/test", Instant.now())).get();
            published.await(PageAcknowledged.class, p -> p.pageId().equals(page.pageId()), WAIT);

            // Both schedules hand off at the end of today's shift, which the deadline waits for.
            JsonPath now = onCall(busy);
            Instant handoff = Instant.parse(now.getString("primaryShift.end"));
            assertEquals(handoff, due(busy));
            assertEquals(handoff, due(quiet));

            clock.advance(Duration.between(clock.instant(), handoff).plusSeconds(1));
            engine.wake();

            JsonPath after = onCall(busy);
            String primary = after.getString("primary");
            String secondary = after.getString("secondary");
            NotifyRequested toPrimary = published.await(NotifyRequested.class,
                    n -> n.requestId().equals("handoff/" + busy + "/" + handoff + "/" + primary + "/primary"), WAIT);
            assertEquals(primary, toPrimary.userId());
            assertTrue(toPrimary.summary().startsWith("Your primary shift on " + busy + " starts: 1 page(s) still "
                    + "open: " + page.pageId() + " (" + busy + ", acknowledged)"), toPrimary.summary());
            assertEquals("shift handoff: you start as primary of schedule " + busy, toPrimary.reason());
            published.await(NotifyRequested.class, n -> n.requestId().equals("handoff/" + busy + "/" + handoff + "/"
                    + secondary + "/secondary"), WAIT);

            // The quiet schedule handed off too: its deadline moved to the next day, and nobody was told.
            Awaitility.await().atMost(WAIT).until(() -> due(quiet).equals(handoff.plus(Duration.ofDays(1))));
            assertEquals(handoff.plus(Duration.ofDays(1)), due(busy));
            published.poll();
            assertEquals(List.of(), published.all(NotifyRequested.class, n -> n.requestId().contains(quiet)));
            assertEquals(2, published.all(NotifyRequested.class, n -> n.requestId().startsWith("handoff/" + busy))
                    .size());
        }
    }

    private static JsonPath onCall(String schedule) {
        return given().header("Authorization", TestTokens.ADMIN).get("/api/v1/schedules/" + schedule + "/on-call")
                .then().statusCode(200).extract().jsonPath();
    }

    private Instant due(String schedule) throws SQLException {
        return PageFixtures.deadline(database, HandoffNotices.DEADLINE, schedule).orElse(null);
    }
}
