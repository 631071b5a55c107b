package dev.tocsin.escalation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.eventing.DeadlineEngine;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.events.page.AcknowledgePage;
import dev.tocsin.events.page.PageAcknowledged;
import dev.tocsin.events.page.PageEscalated;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.events.page.PageResolved;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** escalation-service against a real Kafka broker and PostgreSQL; what it publishes is read back from Kafka. */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class EscalationIT {

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
        PageFixtures.primaryThenSecondary("checkout", "Checkout");
    }

    @AfterAll
    static void close() {
        published.close();
        producer.close();
    }

    private static void put(String path, String body) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body).put(path)
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
    }

    private static AlertTriggered alert(String service, Urgency urgency) {
        String id = "alert-" + UUID.randomUUID();
        return new AlertTriggered(id, "fp-" + id, service, "Checkout errors " + id, "critical", urgency, "test",
                Map.of("service", service), Map.of(), Instant.now(), null, "alertmanager-v2", Instant.now(), null, null,
                null, "availability");
    }

    private static ProducerRecord<String, String> record(IntegrationEvent event) {
        return CloudEventRecords.toRecord(event, "/test", Instant.now());
    }

    private String primaryNow() {
        return given().header("Authorization", ADMIN)
                .get("/api/v1/schedules/checkout-oncall/on-call?at=" + clock.instant()).then().statusCode(200)
                .extract().path("primary");
    }

    @Test
    void aPageAlertNotifiesThePrimaryOnceThenResolves() throws Exception {
        AlertTriggered alert = alert("checkout", Urgency.PAGE);
        ProducerRecord<String, String> record = record(alert);
        producer.send(record).get();
        // The same event redelivered (same ce_id) must not open or notify twice.
        producer.send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(), record.headers())).get();

        PageOpened opened = published.await(PageOpened.class, p -> alert.alertId().equals(p.alertId()), WAIT);
        NotifyRequested notify = published.await(NotifyRequested.class, n -> alert.alertId().equals(n.alertId()), WAIT);
        assertEquals(primaryNow(), notify.userId());
        assertEquals(alert.summary(), notify.summary());
        // Why the alert pages travels with it, for the message to say.
        assertEquals(alert.reason(), notify.urgencyReason());
        // And the user-facing SLO it threatens, for incident-service's users-affected rule.
        assertEquals("availability", opened.userFacingSlo());

        producer.send(record(new AlertResolved(alert.alertId(), alert.dedupKey(), "checkout", Instant.now()))).get();
        published.await(PageResolved.class, p -> p.pageId().equals(opened.pageId()), WAIT);
        published.poll();
        assertEquals(1, published.all(PageOpened.class, p -> alert.alertId().equals(p.alertId())).size());
        assertEquals(1, published.all(NotifyRequested.class, n -> alert.alertId().equals(n.alertId())).size());
        given().header("Authorization", ADMIN)
                .get("/api/v1/pages/" + opened.pageId()).then().statusCode(200).body("status", equalTo("RESOLVED"));
    }

    @Test
    void anAlertTriggeredAndResolvedInOnePollOpensThenResolvesItsPage() throws Exception {
        AlertTriggered alert = alert("checkout", Urgency.PAGE);
        // Sent back to back on the alert's partition, so one poll usually holds both: the page must be
        // opened before it is resolved, from the same read of the page.
        producer.send(record(alert));
        producer.send(record(new AlertResolved(alert.alertId(), alert.dedupKey(), "checkout", Instant.now()))).get();

        PageOpened opened = published.await(PageOpened.class, p -> alert.alertId().equals(p.alertId()), WAIT);
        published.await(PageResolved.class, r -> r.pageId().equals(opened.pageId()), WAIT);
        published.poll();
        assertEquals(1, published.all(NotifyRequested.class, n -> n.pageId().equals(opened.pageId())).size());
        given().header("Authorization", ADMIN).get("/api/v1/pages/" + opened.pageId()).then().statusCode(200)
                .body("status", equalTo("RESOLVED")).body("notified[0].users", contains(primaryNow()));
        // The deadline armed by the opening is not left behind by the resolve decided after it.
        assertTrue(stepDeadline(opened.pageId()).isEmpty());
    }

    @Test
    void theSecondaryIsNotifiedWhenThePrimaryMissesTheDeadline() throws Exception {
        AlertTriggered alert = alert("checkout", Urgency.PAGE);
        producer.send(record(alert)).get();
        PageOpened opened = published.await(PageOpened.class, p -> alert.alertId().equals(p.alertId()), WAIT);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        // Step 2 is resolved when it fires: if those five minutes crossed a handoff, it is the new secondary.
        String secondary = given().header("Authorization", ADMIN)
                .get("/api/v1/schedules/checkout-oncall/on-call?at=" + clock.instant())
                .then().extract().path("secondary");
        engine.wake();

        PageEscalated escalated = published.await(PageEscalated.class, e -> e.pageId().equals(opened.pageId()), WAIT);
        assertEquals(2, escalated.step());
        NotifyRequested second = published.await(NotifyRequested.class,
                n -> n.pageId().equals(opened.pageId()) && n.step() == 2, WAIT);
        assertEquals(secondary, second.userId());
    }

    @Test
    void aBurstOfAlertsForSeveralServicesRoutesEachByItsOwnPolicy() throws Exception {
        put("/api/v1/escalation-policies/payments-policy", "{\"name\":\"Payments\",\"repeat\":0,\"steps\":["
                + "{\"targets\":[{\"type\":\"USER\",\"id\":\"bob\"}],\"deadline\":\"PT5M\"}]}");
        put("/api/v1/services/payments", "{\"name\":\"Payments\",\"criticality\":\"LOW\","
                + "\"escalationPolicy\":\"payments-policy\"}");
        AlertTriggered checkout = alert("checkout", Urgency.PAGE);
        AlertTriggered payments = alert("payments", Urgency.PAGE);
        AlertTriggered stray = alert("no-such-service", Urgency.PAGE);
        AlertTriggered ticket = alert("payments", Urgency.TICKET);
        // Sent together, so they are likely polled together: the poll reads its services, policies
        // and schedules once, and each alert must still get its own service's route.
        for (AlertTriggered alert : new AlertTriggered[] {checkout, payments, stray, ticket}) {
            producer.send(record(alert));
        }
        producer.flush();

        NotifyRequested toCheckout = published.await(NotifyRequested.class,
                n -> checkout.alertId().equals(n.alertId()), WAIT);
        assertEquals(primaryNow(), toCheckout.userId());
        NotifyRequested toPayments = published.await(NotifyRequested.class,
                n -> payments.alertId().equals(n.alertId()), WAIT);
        assertEquals("bob", toPayments.userId());
        assertEquals("payments-policy", published.await(PageOpened.class,
                p -> payments.alertId().equals(p.alertId()), WAIT).policyId());
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", ADMIN)
                .get("/api/v1/pages?alertId=" + stray.alertId())
                .then().body("status", hasItem("UNROUTED")).body("[0].reason", equalTo(
                        "no service 'no-such-service' is configured; "
                        + "no fallback policy is configured (tocsin.escalation.fallback-policy)")));
        published.poll();
        assertEquals(0, published.all(PageOpened.class, p -> ticket.alertId().equals(p.alertId())).size());
    }

    @Test
    void aTicketPagesNobodyAndAnUnknownServiceIsRecordedNotDropped() throws Exception {
        AlertTriggered ticket = alert("checkout", Urgency.TICKET);
        AlertTriggered stray = alert("no-such-service", Urgency.PAGE);
        producer.send(record(ticket)).get();
        producer.send(record(stray)).get();

        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", ADMIN)
                .get("/api/v1/pages?alertId=" + stray.alertId())
                .then().body("status", hasItem("UNROUTED")).body("[0].reason", equalTo(
                        "no service 'no-such-service' is configured; "
                        + "no fallback policy is configured (tocsin.escalation.fallback-policy)")));
        published.poll();
        assertEquals(0, published.all(PageOpened.class, p -> ticket.alertId().equals(p.alertId())).size());
        given().header("Authorization", ADMIN)
                .get("/api/v1/pages?alertId=" + ticket.alertId()).then().body("size()", equalTo(0));
    }

    @Test
    void configurationIsValidatedAndNeedsTheAdminToken() {
        given().contentType(ContentType.JSON).body("{\"name\":\"x\",\"timeZone\":\"UTC\"}").put("/api/v1/users/x")
                .then().statusCode(401);
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"p\",\"repeat\":0,\"steps\":[]}").put("/api/v1/escalation-policies/empty")
                .then().statusCode(400).body("errors.field", hasItem("steps"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"s\",\"timeZone\":\"Mars/Olympus\",\"rotation\":{\"start\":\"2026-01-05T09:00:00\","
                        + "\"shiftLength\":\"P7D\",\"participants\":[\"alice\"]}}").put("/api/v1/schedules/bad")
                .then().statusCode(400).body("errors[0].field", equalTo("timeZone"));
        // A step with nobody to notify, a deadline past an hour, a target that does not exist: each named.
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"p\",\"steps\":[{\"targets\":[],\"deadline\":\"PT5M\"},"
                        + "{\"targets\":[{\"type\":\"USER\",\"id\":\"alice\"}],\"deadline\":\"PT61M\"}]}")
                .put("/api/v1/escalation-policies/bad").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("steps[0].targets"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"p\",\"steps\":[{\"targets\":[{\"type\":\"USER\",\"id\":\"alice\"}],"
                        + "\"deadline\":\"PT61M\"}]}")
                .put("/api/v1/escalation-policies/bad").then().statusCode(400)
                .body("errors.field", contains("steps[0].deadline"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"p\",\"steps\":[{\"targets\":[{\"type\":\"USER\",\"id\":\"alice\"},"
                        + "{\"type\":\"USER\",\"id\":\"nobody\"}]}]}")
                .put("/api/v1/escalation-policies/bad").then().statusCode(400)
                .body("errors.field", contains("steps[0].targets[1].id"));
        String step = "{\"targets\":[{\"type\":\"USER\",\"id\":\"alice\"}]}";
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"p\",\"steps\":[" + String.join(",", java.util.Collections.nCopies(11, step)) + "]}")
                .put("/api/v1/escalation-policies/bad").then().statusCode(400).body("errors.field", contains("steps"));
        // Absent, repeat is 2 and the deadline follows the service's criticality.
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"p\",\"steps\":[" + step + "]}").put("/api/v1/escalation-policies/defaults")
                .then().statusCode(anyOf(equalTo(200), equalTo(201))).body("repeat", equalTo(2));
        // The criticality names of before are still read.
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"s\",\"criticality\":\"USER_FACING\",\"escalationPolicy\":\"defaults\"}")
                .put("/api/v1/services/old-words").then().statusCode(anyOf(equalTo(200), equalTo(201)))
                .body("criticality", equalTo("CRITICAL"));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"s\",\"criticality\":\"CRITICAL\",\"escalationPolicy\":\"missing\"}")
                .put("/api/v1/services/orphan").then().statusCode(400).body("errors[0].field", equalTo("escalationPolicy"));
    }

    @Test
    void anAcknowledgedPageStopsEscalatingAndStillResolves() throws Exception {
        AlertTriggered taken = alert("checkout", Urgency.PAGE);
        PageOpened opened = pageFor(taken);
        PageOpened control = pageFor(alert("checkout", Urgency.PAGE));

        // Sent as a monitoring system acknowledging at the source: keyed by alert, without the page id.
        producer.send(record(new AcknowledgePage(taken.alertId(), null, "alice", "pagerduty-events-v2",
                Instant.now()))).get();
        PageAcknowledged acknowledged = published.await(PageAcknowledged.class,
                a -> a.pageId().equals(opened.pageId()), WAIT);
        // Stamped by Tocsin's clock when it learnt of the acknowledgement, not by the sender's.
        assertEquals(new PageAcknowledged(opened.pageId(), taken.alertId(), "alice", "pagerduty-events-v2",
                clock.instant()), acknowledged);
        given().header("Authorization", ADMIN)
                .get("/api/v1/pages/" + opened.pageId()).then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"));

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        engine.wake();
        // The page nobody took escalates on the same deadline, so the deadline did pass for both.
        published.await(PageEscalated.class, e -> e.pageId().equals(control.pageId()), WAIT);
        // Cancelled with the acknowledgement, not left to fire into a page that no longer escalates.
        assertTrue(stepDeadline(opened.pageId()).isEmpty());

        producer.send(record(new AlertResolved(taken.alertId(), taken.dedupKey(), "checkout", Instant.now()))).get();
        // Published after anything the deadline caused, on the page's partition: whatever it escalated is read by now.
        published.await(PageResolved.class, r -> r.pageId().equals(opened.pageId()), WAIT);
        published.poll();
        assertEquals(0, published.all(PageEscalated.class, e -> e.pageId().equals(opened.pageId())).size());
        assertEquals(1, published.all(NotifyRequested.class, n -> n.pageId().equals(opened.pageId())).size());
        given().header("Authorization", ADMIN)
                .get("/api/v1/pages/" + opened.pageId()).then().body("status", equalTo("RESOLVED"));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(matchesPattern("(?s).*tocsin_pages_acknowledged_total\\{[^}]*via=\"pagerduty-events-v2\"[^}]*} [1-9].*"))
                .body(matchesPattern("(?s).*tocsin_page_ack_latency_seconds_count\\{?[^}\\n]*}? [1-9].*")));
    }

    @Test
    void anAcknowledgementForNoPageIsCountedAndDropped() throws Exception {
        // The alert may never page (a ticket, a silenced one); nothing is kept waiting for it.
        String alertId = "alert-" + UUID.randomUUID();
        producer.send(record(new AcknowledgePage(alertId, null, "alice", "pagerduty-events-v2", Instant.now()))).get();
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(matchesPattern("(?s).*tocsin_page_commands_ignored_total\\{[^}]*reason=\"no-such-page\"[^}]*} [1-9].*")));
        given().header("Authorization", ADMIN)
                .get("/api/v1/pages?alertId=" + alertId).then().body("size()", equalTo(0));
    }

    @Test
    void theApiAcknowledgesAnOpenPageOnceAndAgainChangesNothing() throws Exception {
        AlertTriggered alert = alert("checkout", Urgency.PAGE);
        PageOpened opened = pageFor(alert);

        given().contentType(ContentType.JSON).body("{\"by\":\"alice\"}").post(acknowledgePath(opened.pageId()))
                .then().statusCode(401);
        acknowledge(opened.pageId(), " ").statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("by"));
        acknowledge("no-such-page", "alice").statusCode(404).contentType("application/problem+json");

        // Refused calls changed nothing: the page is still open for this one.
        acknowledge(opened.pageId(), "alice").statusCode(200).body("id", equalTo(opened.pageId()))
                .body("status", equalTo("ACKNOWLEDGED"));
        PageAcknowledged acknowledged = published.await(PageAcknowledged.class,
                a -> a.pageId().equals(opened.pageId()), WAIT);
        assertEquals("alice", acknowledged.by());
        assertEquals("api", acknowledged.via());
        // Cancelled with the acknowledgement, not left to fire into a page that no longer escalates.
        assertTrue(stepDeadline(opened.pageId()).isEmpty());

        // Taken already: the same answer, and no second acknowledgement recorded.
        acknowledge(opened.pageId(), "bob").statusCode(200).body("status", equalTo("ACKNOWLEDGED"));
        given().header("Authorization", ADMIN)
                .get("/api/v1/pages?status=acknowledged&alertId=" + alert.alertId()).then().statusCode(200)
                .body("id", contains(opened.pageId()));
        published.poll();
        assertEquals(1, published.all(PageAcknowledged.class, a -> a.pageId().equals(opened.pageId())).size());
    }

    private PageOpened pageFor(AlertTriggered alert) throws Exception {
        producer.send(record(alert)).get();
        return published.await(PageOpened.class, p -> alert.alertId().equals(p.alertId()), WAIT);
    }

    private static String acknowledgePath(String pageId) {
        return "/api/v1/pages/" + pageId + "/acknowledge";
    }

    /** Acknowledges as a responder would: with the responder token, which may change nothing else. */
    private static ValidatableResponse acknowledge(String pageId, String by) {
        return given().header("Authorization", RESPONDER).contentType(ContentType.JSON).body(Map.of("by", by))
                .post(acknowledgePath(pageId)).then();
    }

    /** When the page's step deadline is due, if one is armed. */
    private Optional<Instant> stepDeadline(String pageId) throws SQLException {
        return PageFixtures.deadline(database, "page.step", pageId);
    }
}
