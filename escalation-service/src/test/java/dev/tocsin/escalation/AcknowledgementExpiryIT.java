package dev.tocsin.escalation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
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
import dev.tocsin.events.page.PageAcknowledgementExpired;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.events.page.PageResolved;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Acknowledgements that expire ({@code tocsin.escalation.acknowledgement-expiry=PT4H}), driven by
 * the test clock: an old acknowledged alert that still fires is paged again from step 1 through
 * the normal notify-request path; one resolved before the expiry is not.
 */
@QuarkusTest
@TestProfile(AcknowledgementExpiryIT.FourHours.class)
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class AcknowledgementExpiryIT {

    private static final String ADMIN = "Bearer test-admin-token";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration EXPIRY = Duration.ofHours(4);
    private static TopicReader published;
    private static KafkaProducer<String, String> producer;

    /** Acknowledgements hold four hours. */
    public static class FourHours implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tocsin.escalation.acknowledgement-expiry", "PT4H");
        }
    }

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
        PageFixtures.primaryThenSecondary("expiry", "Expiry");
    }

    @AfterAll
    static void close() {
        published.close();
        producer.close();
    }

    @Test
    void anAcknowledgementThatRunsOutPagesStepOneAgainWhileTheAlertFires() throws Exception {
        AlertTriggered alert = alert();
        PageOpened opened = pageFor(alert);
        PageAcknowledged acknowledged = acknowledge(alert, opened);
        // The page's one deadline now waits for the acknowledgement's end, not for a step.
        assertEquals(Optional.of(acknowledged.acknowledgedAt().plus(EXPIRY)), stepDeadline(opened.pageId()));

        clock.advance(EXPIRY.plusSeconds(1));
        engine.wake();

        PageAcknowledgementExpired expired = published.await(PageAcknowledgementExpired.class,
                e -> e.pageId().equals(opened.pageId()), WAIT);
        assertEquals(new PageAcknowledgementExpired(opened.pageId(), alert.alertId(), 1, 1, List.of(primaryNow()),
                clock.instant()), expired);
        // Notified again as on any step: a notify request notifier-service sends, under an id of its own.
        NotifyRequested again = published.await(NotifyRequested.class,
                n -> n.pageId().equals(opened.pageId()) && n.requestedAt().equals(clock.instant()), WAIT);
        assertEquals(1, again.step());
        assertEquals(primaryNow(), again.userId());
        assertEquals(2, published.all(NotifyRequested.class, n -> n.pageId().equals(opened.pageId()))
                .stream().map(NotifyRequested::requestId).distinct().count());
        given().header("Authorization", ADMIN).get("/api/v1/pages/" + opened.pageId()).then().statusCode(200)
                .body("status", equalTo("OPEN")).body("step", equalTo(1)).body("round", equalTo(1));
        // Step 1's deadline runs again: nobody taking it now escalates it as a new page would be.
        assertEquals(Optional.of(clock.instant().plus(Duration.ofMinutes(5))), stepDeadline(opened.pageId()));
    }

    @Test
    void aPageResolvedBeforeItsAcknowledgementRunsOutIsNotPagedAgain() throws Exception {
        AlertTriggered resolvedAlert = alert();
        PageOpened resolved = pageFor(resolvedAlert);
        AlertTriggered firing = alert();
        PageOpened control = pageFor(firing);
        acknowledge(resolvedAlert, resolved);
        acknowledge(firing, control);
        producer.send(record(new AlertResolved(resolvedAlert.alertId(), resolvedAlert.dedupKey(), "expiry",
                Instant.now()))).get();
        published.await(PageResolved.class, r -> r.pageId().equals(resolved.pageId()), WAIT);
        // The resolve took the expiry's deadline with it.
        assertTrue(stepDeadline(resolved.pageId()).isEmpty());

        clock.advance(EXPIRY.plusSeconds(1));
        engine.wake();

        // The page still firing expires on the same clock, so the expiry's time did come for both.
        published.await(PageAcknowledgementExpired.class, e -> e.pageId().equals(control.pageId()), WAIT);
        published.await(NotifyRequested.class,
                n -> n.pageId().equals(control.pageId()) && n.requestedAt().equals(clock.instant()), WAIT);
        published.poll();
        assertEquals(List.of(), published.all(PageAcknowledgementExpired.class,
                e -> e.pageId().equals(resolved.pageId())));
        assertEquals(1, published.all(NotifyRequested.class, n -> n.pageId().equals(resolved.pageId())).size());
        given().header("Authorization", ADMIN).get("/api/v1/pages/" + resolved.pageId()).then()
                .body("status", equalTo("RESOLVED"));
    }

    private static AlertTriggered alert() {
        String id = "alert-" + UUID.randomUUID();
        return new AlertTriggered(id, "fp-" + id, "expiry", "Expiry errors " + id, "critical", Urgency.PAGE, "test",
                Map.of("service", "expiry"), Map.of(), Instant.now(), null, "alertmanager-v2", Instant.now());
    }

    private static ProducerRecord<String, String> record(IntegrationEvent event) {
        return CloudEventRecords.toRecord(event, "/test", Instant.now());
    }

    private PageOpened pageFor(AlertTriggered alert) throws Exception {
        producer.send(record(alert)).get();
        return published.await(PageOpened.class, p -> alert.alertId().equals(p.alertId()), WAIT);
    }

    private PageAcknowledged acknowledge(AlertTriggered alert, PageOpened page) throws Exception {
        producer.send(record(new AcknowledgePage(alert.alertId(), page.pageId(), "alice", "api", Instant.now())))
                .get();
        return published.await(PageAcknowledged.class, a -> a.pageId().equals(page.pageId()), WAIT);
    }

    private String primaryNow() {
        return given().header("Authorization", ADMIN)
                .get("/api/v1/schedules/expiry-oncall/on-call?at=" + clock.instant()).then().statusCode(200)
                .extract().path("primary");
    }

    private Optional<Instant> stepDeadline(String pageId) throws SQLException {
        return PageFixtures.deadline(database, "page.step", pageId);
    }
}
