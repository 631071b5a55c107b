package dev.tocsin.escalation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.eventing.DeadlineEngine;
import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.events.page.EscalatePage;
import dev.tocsin.events.page.PageEscalated;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.events.page.PageReassigned;
import dev.tocsin.events.page.PageRenotified;
import dev.tocsin.events.page.PageResolved;
import dev.tocsin.events.page.PageSnoozed;
import dev.tocsin.events.page.ReassignPage;
import dev.tocsin.events.page.ResolvePage;
import dev.tocsin.events.page.SnoozePage;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a responder does with a page over REST (resolve, snooze, reassign, escalate now), against
 * a real broker and database, with what each publishes read back from Kafka; and that a page runs
 * on the policy it opened with, whatever happens to the policy afterwards.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class PageCommandsIT {

    private static final String ADMIN = "Bearer test-admin-token";
    private static final String RESPONDER = "Bearer test-responder-token";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TopicReader published;
    private static KafkaProducer<String, String> producer;

    @Inject
    TestClock clock;

    @Inject
    DeadlineEngine engine;

    @Inject
    AgroalDataSource database;

    @BeforeEach
    void configure() {
        if (published == null) {
            published = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.PAGES, Topics.NOTIFY_REQUESTS);
            producer = Infrastructure.producer();
        }
        PageFixtures.primaryThenSecondary("pc", "Commands");
        put("/api/v1/users/carol", "{\"name\":\"Carol\",\"timeZone\":\"Europe/Berlin\"}");
        put("/api/v1/escalation-policies/pc-carol", "{\"name\":\"Carol alone\",\"repeat\":0,\"steps\":["
                + "{\"targets\":[{\"type\":\"USER\",\"id\":\"carol\"}],\"deadline\":\"PT15M\"}]}");
    }

    @AfterAll
    static void close() {
        published.close();
        producer.close();
    }

    @Test
    void resolvingEndsThePageAndALateAcknowledgementIsRefusedNamingTheStatus() throws Exception {
        PageOpened opened = open();
        post(opened, "resolve", Map.of("by", "alice")).statusCode(200).body("status", equalTo("RESOLVED"));
        PageResolved resolved = published.await(PageResolved.class, r -> r.pageId().equals(opened.pageId()), WAIT);
        assertEquals("alice", resolved.by(), "who resolved it travels with the event");
        assertTrue(stepDeadline(opened.pageId()).isEmpty(), "nothing is due for a resolved page");

        post(opened, "acknowledge", Map.of("by", "bob")).statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("page " + opened.pageId() + " is resolved; it can no longer be acknowledged"));
        // Resolving again changes nothing and says how the page is.
        post(opened, "resolve", Map.of("by", "alice")).statusCode(200).body("status", equalTo("RESOLVED"));

        clock.advance(Duration.ofMinutes(6));
        engine.wake();
        post(opened, "escalate", Map.of("by", "alice")).statusCode(409);
        published.poll();
        assertEquals(1, published.all(NotifyRequested.class, n -> n.pageId().equals(opened.pageId())).size(),
                "only step 1 was ever notified");
    }

    @Test
    void aSnoozedPageNotifiesItsStepAgainWhenTheSnoozeEnds() throws Exception {
        PageOpened opened = open();
        post(opened, "snooze", Map.of("by", "alice", "duration", "PT25H")).statusCode(400)
                .body("errors.field", equalTo(List.of("duration")));
        post(opened, "snooze", Map.of("by", "alice", "duration", "PT10M")).statusCode(200)
                .body("status", equalTo("SNOOZED"))
                .body("snoozedUntil", equalTo(fromNow(Duration.ofMinutes(10)).toString()));
        PageSnoozed snoozed = published.await(PageSnoozed.class, s -> s.pageId().equals(opened.pageId()), WAIT);
        assertEquals(clock.instant().plus(Duration.ofMinutes(10)), snoozed.until());

        // Past the step's own deadline: a snoozed page does not escalate.
        clock.advance(Duration.ofMinutes(6));
        engine.wake();
        assertEquals(Optional.of(snoozed.until().truncatedTo(ChronoUnit.MICROS)), stepDeadline(opened.pageId()));

        clock.advance(Duration.ofMinutes(4).plusSeconds(1));
        // Whoever is primary when the snooze ends, should those minutes have crossed a handoff.
        String primary = onCall("primary");
        engine.wake();
        PageRenotified renotified = published.await(PageRenotified.class, r -> r.pageId().equals(opened.pageId()),
                WAIT);
        assertEquals(List.of(primary), renotified.userIds());
        published.await(NotifyRequested.class, n -> n.pageId().equals(opened.pageId())
                && !n.requestedAt().equals(opened.openedAt()) && n.userId().equals(primary), WAIT);
        published.poll();
        assertEquals(0, published.all(PageEscalated.class, e -> e.pageId().equals(opened.pageId())).size());
        given().header("Authorization", ADMIN).get("/api/v1/pages/" + opened.pageId()).then()
                .body("status", equalTo("OPEN")).body("snoozedUntil", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void reassigningToAPersonNotifiesThemAndArmsTheStepsDeadline() throws Exception {
        PageOpened opened = open();
        post(opened, "reassign", Map.of("by", "alice", "userId", "nobody")).statusCode(400)
                .body("errors.field", equalTo(List.of("userId")));
        post(opened, "reassign", Map.of("by", "alice", "userId", "carol")).statusCode(200)
                .body("status", equalTo("OPEN"));
        PageReassigned reassigned = published.await(PageReassigned.class, r -> r.pageId().equals(opened.pageId()),
                WAIT);
        assertEquals("carol", reassigned.userId());
        assertEquals("alice", reassigned.by());
        assertEquals("api", reassigned.via());
        published.await(NotifyRequested.class, n -> n.pageId().equals(opened.pageId()) && n.userId().equals("carol"),
                WAIT);
        assertEquals(Optional.of(fromNow(Duration.ofMinutes(5))), stepDeadline(opened.pageId()));
    }

    @Test
    void reassigningToAPolicyRunsThePageOnThatPolicyFromItsStepOne() throws Exception {
        PageOpened opened = open();
        post(opened, "reassign", Map.of("by", "alice", "policyId", "pc-carol")).statusCode(200)
                .body("policyId", equalTo("pc-carol"));
        PageReassigned reassigned = published.await(PageReassigned.class, r -> r.pageId().equals(opened.pageId()),
                WAIT);
        assertEquals("pc-carol", reassigned.policyId());
        assertEquals(List.of("carol"), reassigned.userIds());
        assertEquals(1, reassigned.step());
        // The new policy's own deadline.
        assertEquals(Optional.of(fromNow(Duration.ofMinutes(15))), stepDeadline(opened.pageId()));
    }

    @Test
    void escalatingNowNotifiesTheNextStepAtOnce() throws Exception {
        PageOpened opened = open();
        String secondary = onCall("secondary");
        post(opened, "escalate", Map.of("by", "alice")).statusCode(200).body("step", equalTo(2));
        PageEscalated escalated = published.await(PageEscalated.class, e -> e.pageId().equals(opened.pageId()), WAIT);
        assertEquals(List.of(secondary), escalated.userIds());
        assertEquals("alice", escalated.by(), "who escalated it travels with the event");
        published.await(NotifyRequested.class, n -> n.pageId().equals(opened.pageId()) && n.step() == 2, WAIT);
        assertEquals(Optional.of(fromNow(Duration.ofMinutes(5))), stepDeadline(opened.pageId()));
        // Step 2 is the last: nobody further to escalate to.
        post(opened, "escalate", Map.of("by", "alice")).statusCode(409).body("detail", equalTo("page "
                + opened.pageId() + " is at the last step of its escalation policy; reassign it to reach someone else"));
    }

    @Test
    void aRunningPageKeepsThePolicyItOpenedWith() throws Exception {
        PageOpened opened = open();
        // Editing the policy while the page runs: step 2 would now page carol, after an hour.
        put("/api/v1/escalation-policies/pc-policy", "{\"name\":\"Commands\",\"repeat\":0,\"steps\":["
                + "{\"targets\":[{\"type\":\"SCHEDULE_PRIMARY\",\"id\":\"pc-oncall\"}],\"deadline\":\"PT60M\"},"
                + "{\"targets\":[{\"type\":\"USER\",\"id\":\"carol\"}],\"deadline\":\"PT60M\"}]}");
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        String secondary = onCall("secondary");
        engine.wake();
        PageEscalated escalated = published.await(PageEscalated.class, e -> e.pageId().equals(opened.pageId()), WAIT);
        assertEquals(List.of(secondary), escalated.userIds());
        assertEquals(null, escalated.by(), "the deadline escalated it, not a person");
        assertEquals(Optional.of(fromNow(Duration.ofMinutes(5))), stepDeadline(opened.pageId()));
    }

    @Test
    void aStepNotifiesAllItsTargetsAndTakesItsDeadlineFromTheServicesCriticality() throws Exception {
        put("/api/v1/escalation-policies/pc-both", "{\"name\":\"Both\",\"steps\":[{\"targets\":["
                + "{\"type\":\"SCHEDULE_PRIMARY\",\"id\":\"pc-oncall\"},{\"type\":\"USER\",\"id\":\"carol\"}]}]}");
        put("/api/v1/services/pc-low", "{\"name\":\"Low\",\"criticality\":\"LOW\",\"escalationPolicy\":\"pc-both\"}");
        String primary = onCall("primary");
        PageOpened opened = open("pc-low");
        for (String person : List.of(primary, "carol")) {
            published.await(NotifyRequested.class, n -> n.pageId().equals(opened.pageId()) && n.userId().equals(person),
                    WAIT);
        }
        // No deadline on the step: a low-criticality service waits 30 minutes for an answer.
        assertEquals(Optional.of(fromNow(Duration.ofMinutes(30))), stepDeadline(opened.pageId()));
    }

    @Test
    void theSameCommandsArriveOnThePageCommandsTopic() throws Exception {
        PageOpened opened = open();
        String secondary = onCall("secondary");
        // Keyed by alert, as a chat tool that knows only the alert would send it.
        producer.send(CloudEventRecords.toRecord(new EscalatePage(opened.alertId(), null, "alice", "slack",
                Instant.now()), "/test", Instant.now())).get();
        PageEscalated escalated = published.await(PageEscalated.class, e -> e.pageId().equals(opened.pageId()), WAIT);
        assertEquals(List.of(secondary), escalated.userIds());
        producer.send(CloudEventRecords.toRecord(new SnoozePage(opened.alertId(), opened.pageId(),
                clock.instant().plus(Duration.ofMinutes(30)), "alice", "slack", Instant.now()), "/test",
                Instant.now())).get();
        assertEquals("slack", published.await(PageSnoozed.class, e -> e.pageId().equals(opened.pageId()), WAIT).via());
        // A policy that does not exist is counted and dropped, not retried for ever.
        producer.send(CloudEventRecords.toRecord(new ReassignPage(opened.alertId(), null, null, "no-such-policy",
                "alice", "slack", Instant.now()), "/test", Instant.now())).get();
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then()
                .statusCode(200).body(org.hamcrest.Matchers.matchesPattern(
                        "(?s).*tocsin_page_commands_ignored_total\\{[^}]*reason=\"no-such-policy\"[^}]*} [1-9].*")));
        // So is a person who does not exist: the page stays with the step it is at.
        producer.send(CloudEventRecords.toRecord(new ReassignPage(opened.alertId(), null, "nobody-by-that-name",
                null, "alice", "slack", Instant.now()), "/test", Instant.now())).get();
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then()
                .statusCode(200).body(org.hamcrest.Matchers.matchesPattern(
                        "(?s).*tocsin_page_commands_ignored_total\\{[^}]*reason=\"no-such-person\"[^}]*} [1-9].*")));
        published.poll();
        assertTrue(published.all(PageReassigned.class, r -> r.pageId().equals(opened.pageId())).isEmpty(),
                "nobody was handed the page");
        producer.send(CloudEventRecords.toRecord(new ResolvePage(opened.alertId(), null, "alice", "slack",
                Instant.now()), "/test", Instant.now())).get();
        published.await(PageResolved.class, r -> r.pageId().equals(opened.pageId()), WAIT);
    }

    @Test
    void commandsNeedTheResponderTokenAndAPageThatExists() {
        given().contentType(ContentType.JSON).body(Map.of("by", "alice")).post("/api/v1/pages/x/resolve")
                .then().statusCode(401);
        given().header("Authorization", "Bearer test-viewer-token").contentType(ContentType.JSON)
                .body(Map.of("by", "alice")).post("/api/v1/pages/x/escalate").then().statusCode(403);
        String unknown = UUID.randomUUID().toString();
        given().header("Authorization", RESPONDER).contentType(ContentType.JSON).body(Map.of("by", "alice"))
                .post("/api/v1/pages/" + unknown + "/snooze").then().statusCode(400);
        given().header("Authorization", RESPONDER).contentType(ContentType.JSON)
                .body(Map.of("by", "alice", "duration", "PT1H")).post("/api/v1/pages/" + unknown + "/snooze")
                .then().statusCode(404);
        // Not a page id at all: no page, whatever the body.
        given().header("Authorization", RESPONDER).contentType(ContentType.JSON).body(Map.of("by", "alice"))
                .post("/api/v1/pages/no-such-page/reassign").then().statusCode(404);
    }

    private PageOpened open() throws Exception {
        return open("pc");
    }

    private PageOpened open(String service) throws Exception {
        String id = "alert-" + UUID.randomUUID();
        AlertTriggered alert = new AlertTriggered(id, "fp-" + id, service, "Commands " + id, "critical", Urgency.PAGE,
                "test", Map.of("service", service), Map.of(), Instant.now(), null, "alertmanager-v2", Instant.now());
        producer.send(CloudEventRecords.toRecord(alert, "/test", Instant.now())).get();
        return published.await(PageOpened.class, p -> id.equals(p.alertId()), WAIT);
    }

    private String onCall(String which) {
        return given().header("Authorization", ADMIN)
                .get("/api/v1/schedules/pc-oncall/on-call?at=" + clock.instant()).then().statusCode(200)
                .extract().path(which);
    }

    private static ValidatableResponse post(PageOpened page, String command, Map<String, String> body) {
        return given().header("Authorization", RESPONDER).contentType(ContentType.JSON).body(body)
                .post("/api/v1/pages/" + page.pageId() + "/" + command).then();
    }

    private static void put(String path, String body) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body).put(path)
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
    }

    /** As the database keeps it. */
    private Instant fromNow(Duration duration) {
        return clock.instant().plus(duration).truncatedTo(ChronoUnit.MICROS);
    }

    private Optional<Instant> stepDeadline(String pageId) throws Exception {
        try (Connection connection = database.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select due_at from deadlines where kind = 'page.step' and ref = ?")) {
            select.setString(1, pageId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getTimestamp(1).toInstant().truncatedTo(ChronoUnit.MICROS))
                        : Optional.empty();
            }
        }
    }
}
