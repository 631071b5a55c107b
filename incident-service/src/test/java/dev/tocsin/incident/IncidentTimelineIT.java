package dev.tocsin.incident;

import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TableRows;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.delivery.Channel;
import dev.tocsin.events.delivery.DeliveryFailed;
import dev.tocsin.events.delivery.DeliverySent;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.events.page.PageAcknowledged;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.events.page.PageResolved;
import dev.tocsin.testing.TocsinTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * incident-service against a real Kafka broker and PostgreSQL: the other services' events,
 * produced as CloudEvents records on their topics, become each page's timeline over REST.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class IncidentTimelineIT {

    static final Instant T = Instant.parse("2025-03-01T09:00:00Z");
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String ADMIN_TOKEN = "test-admin-token";

    @Inject
    AgroalDataSource database;

    KafkaProducer<String, String> producer;

    @BeforeEach
    void startProducer() {
        producer = Infrastructure.producer();
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void pageTimelineListsEveryServicesEventsInTimeOrder() {
        Page page = new Page();
        // Newest first, across four topics: the order on the timeline must come from the events' times.
        send(page.sent(1, T.plusSeconds(5)));
        send(page.notifyRequested(T.plusSeconds(2)));
        send(page.opened(T.plusSeconds(1)));
        send(page.triggered(T));

        await().atMost(PATIENCE).untilAsserted(() -> given().header("Authorization", "Bearer " + ADMIN_TOKEN)
                .get("/api/v1/pages/{id}/timeline", page.pageId)
                .then().statusCode(200)
                .body("pageId", is(page.pageId))
                .body("alertId", is(page.alertId))
                .body("service", is("checkout"))
                .body("status", is("OPEN"))
                .body("entries.at", contains("2025-03-01T09:00:00Z", "2025-03-01T09:00:01Z",
                        "2025-03-01T09:00:02Z", "2025-03-01T09:00:05Z"))
                .body("entries.kind", contains("alert.triggered", "page.opened", "notify.requested", "delivery.sent"))
                .body("entries.text", contains(
                        "Alert triggered on checkout: Checkout error rate 12% (paged: severity critical)",
                        "Page opened by policy checkout-policy",
                        "Notified alice (step 1)",
                        "Email sent to alice@example.com")));

        given().header("Authorization", "Bearer " + ADMIN_TOKEN).get("/api/v1/pages?limit=500").then().statusCode(200)
                .body("pageId", hasItem(page.pageId));
        // Counted once the entry's transaction committed, a moment after readers can see it.
        await().atMost(PATIENCE).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(matchesPattern("(?s).*tocsin_timeline_entries_total\\{[^}]*kind=\"delivery.sent\"[^}]*} [1-9].*")));
    }

    @Test
    void sameRecordProducedTwiceGivesOneEntry() {
        Page page = new Page();
        send(page.triggered(T));
        send(page.opened(T.plusSeconds(1)));
        ProducerRecord<String, String> failed = record(page.failed(1, T.plusSeconds(65), T.plusSeconds(5)));
        sendRecord(failed);
        sendRecord(failed);
        // Same delivery, so same partition: once its entry shows, both copies of the failure were consumed.
        send(page.sent(2, T.plusSeconds(65)));

        await().atMost(PATIENCE).untilAsserted(() -> given().header("Authorization", "Bearer " + ADMIN_TOKEN)
                .get("/api/v1/pages/{id}/timeline", page.pageId)
                .then().statusCode(200)
                .body("entries.kind", hasItems("alert.triggered", "delivery.sent")));
        given().header("Authorization", "Bearer " + ADMIN_TOKEN)
                .get("/api/v1/pages/{id}/timeline", page.pageId).then().statusCode(200)
                .body("entries.kind", contains("alert.triggered", "page.opened", "delivery.failed", "delivery.sent"))
                .body("entries[2].text", is("Email to alice failed: 421 4.7.0 Try again later (retry at 2025-03-01T09:01:05Z)"))
                .body("entries[3].text", is("Email sent to alice@example.com (attempt 2)"));
        // A viewer reads the same story without the address and the provider's answer.
        given().header("Authorization", "Bearer test-viewer-token")
                .get("/api/v1/pages/{id}/timeline", page.pageId).then().statusCode(200)
                .body("entries.kind", contains("alert.triggered", "page.opened", "delivery.failed", "delivery.sent"))
                .body("entries[2].text", is("Email to alice failed (retry at 2025-03-01T09:01:05Z)"))
                .body("entries[2].redacted", contains("error"))
                .body("entries[3].text", is("Email sent to alice (attempt 2)"))
                .body("entries[3].redacted", contains("address"))
                .body("entries[0].redacted", nullValue());
        given().header("Authorization", "Bearer test-viewer-token")
                .get("/api/v1/alerts/{id}/timeline", page.alertId).then().statusCode(200)
                .body("entries.text", hasItem("Email sent to alice (attempt 2)"))
                .body("entries.text", not(hasItem(containsString("@example.com"))));
    }

    @Test
    void unknownPageIsProblem404() {
        given().header("Authorization", "Bearer " + ADMIN_TOKEN).get("/api/v1/pages/{id}/timeline", "no-such-page")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", is(404))
                .body("detail", containsString("no-such-page"));
        given().header("Authorization", "Bearer " + ADMIN_TOKEN).get("/api/v1/alerts/{id}/timeline", "no-such-alert")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void badListLimitIsProblemNamingIt() {
        for (String limit : new String[] {"0", "1001", "ten"}) {
            given().header("Authorization", "Bearer " + ADMIN_TOKEN).queryParam("limit", limit).get("/api/v1/pages")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", contains("limit"));
        }
    }

    @Test
    void alertTimelineJoinsItsPagesAndShowsResolution() {
        Page page = new Page();
        send(page.triggered(T));
        send(page.opened(T.plusSeconds(1)));
        send(page.notifyRequested(T.plusSeconds(2)));
        send(page.sent(1, T.plusSeconds(5)));
        // The page resolves because its alert did, a moment later and on another topic.
        send(new PageResolved(page.pageId, page.alertId, T.plusSeconds(601)));
        send(new AlertResolved(page.alertId, page.dedupKey, "checkout", T.plusSeconds(600)));

        await().atMost(PATIENCE).untilAsserted(() -> given().header("Authorization", "Bearer " + ADMIN_TOKEN)
                .get("/api/v1/alerts/{id}/timeline", page.alertId)
                .then().statusCode(200)
                .body("alertId", is(page.alertId))
                .body("pages.pageId", contains(page.pageId))
                .body("pages.status", contains("RESOLVED"))
                // The delivery knows only its page: it reaches the alert's timeline through the page.
                .body("entries.kind", contains("alert.triggered", "page.opened", "notify.requested",
                        "delivery.sent", "alert.resolved", "page.resolved")));
        given().header("Authorization", "Bearer " + ADMIN_TOKEN)
                .get("/api/v1/pages/{id}/timeline", page.pageId).then().statusCode(200)
                .body("status", is("RESOLVED"));
    }

    @Test
    void anAcknowledgedPageSaysWhoTookIt() {
        Page page = new Page();
        send(page.triggered(T));
        send(page.opened(T.plusSeconds(1)));
        send(new PageAcknowledged(page.pageId, page.alertId, "alice", "pagerduty-events-v2", T.plusSeconds(90)));

        await().atMost(PATIENCE).untilAsserted(() -> given().header("Authorization", "Bearer " + ADMIN_TOKEN)
                .get("/api/v1/pages/{id}/timeline", page.pageId)
                .then().statusCode(200)
                .body("status", is("ACKNOWLEDGED"))
                .body("entries.kind", contains("alert.triggered", "page.opened", "page.acknowledged"))
                .body("entries[2].text", is("Page acknowledged by alice via pagerduty-events-v2")));
    }

    @Test
    void rebuildRestoresTheProjectionFromTheTopics() throws Exception {
        Page page = new Page();
        send(page.triggered(T));
        send(page.opened(T.plusSeconds(1)));
        send(page.notifyRequested(T.plusSeconds(2)));
        send(page.sent(1, T.plusSeconds(5)));
        await().atMost(PATIENCE).untilAsserted(() -> given().header("Authorization", "Bearer " + ADMIN_TOKEN)
                .get("/api/v1/pages/{id}/timeline", page.pageId)
                .then().statusCode(200).body("entries.size()", is(4)));
        String ours = "where alert_id = '" + page.alertId + "' or page_id = '" + page.pageId + "'";
        List<List<String>> pagesBefore = rows("pages", ours);
        List<List<String>> entriesBefore = rows("timeline_entries", ours);
        assertEquals(1, pagesBefore.size());
        assertEquals(4, entriesBefore.size());

        // The projection goes wrong behind the service's back: the page and its entries are lost (while
        // the inbox still says their events were applied), and the alert's entry holds an outdated text.
        try (Connection connection = database.getConnection();
                PreparedStatement stale = connection.prepareStatement(
                        "update timeline_entries set text = 'outdated' where alert_id = ? and page_id is null");
                PreparedStatement entries = connection.prepareStatement("delete from timeline_entries where page_id = ?");
                PreparedStatement pages = connection.prepareStatement("delete from pages where page_id = ?")) {
            stale.setString(1, page.alertId);
            stale.executeUpdate();
            entries.setString(1, page.pageId);
            entries.executeUpdate();
            pages.setString(1, page.pageId);
            pages.executeUpdate();
        }
        given().header("Authorization", "Bearer " + ADMIN_TOKEN)
                .get("/api/v1/pages/{id}/timeline", page.pageId).then().statusCode(404);

        given().post("/api/v1/admin/rebuild").then().statusCode(401);
        given().auth().oauth2(ADMIN_TOKEN).post("/api/v1/admin/rebuild")
                .then().statusCode(200)
                .body("events", greaterThanOrEqualTo(4))
                .body("rows.timeline_entries", greaterThanOrEqualTo(4))
                .body("rows.pages", greaterThanOrEqualTo(1));
        // The rebuilt rows equal the ones live consumption wrote (entry ids aside: the table numbers anew).
        assertEquals(pagesBefore, rows("pages", ours));
        assertEquals(entriesBefore, rows("timeline_entries", ours));

        // The rebuild answers once it caught up, so the timeline is whole again right away.
        given().header("Authorization", "Bearer " + ADMIN_TOKEN)
                .get("/api/v1/pages/{id}/timeline", page.pageId).then().statusCode(200)
                .body("entries.kind", contains("alert.triggered", "page.opened", "notify.requested", "delivery.sent"))
                .body("entries.text", contains(
                        "Alert triggered on checkout: Checkout error rate 12% (paged: severity critical)",
                        "Page opened by policy checkout-policy",
                        "Notified alice (step 1)",
                        "Email sent to alice@example.com"));
    }

    /** Every column but a serial id of the table's matching rows, as PostgreSQL prints them, in a stable order. */
    private List<List<String>> rows(String table, String where) throws Exception {
        List<List<String>> rows = new ArrayList<>(TableRows.select(database, Set.of("id"), "select * from " + table + " " + where));
        rows.sort(Comparator.comparing(Object::toString));
        return rows;
    }

    void send(IntegrationEvent event) {
        sendRecord(record(event));
    }

    static ProducerRecord<String, String> record(IntegrationEvent event) {
        return CloudEventRecords.toRecord(event, "/tocsin/test", T);
    }

    void sendRecord(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not produce " + record, e);
        }
    }

    /** One alert that paged alice, with ids of its own so tests sharing the broker do not meet. */
    static final class Page {
        final String alertId = "alert-" + UUID.randomUUID();
        final String pageId = "page-" + UUID.randomUUID();
        final String dedupKey = "dedup-" + UUID.randomUUID();
        final String requestId = "request-" + UUID.randomUUID();
        final String deliveryId = "delivery-" + UUID.randomUUID();

        AlertTriggered triggered(Instant at) {
            return new AlertTriggered(alertId, dedupKey, "checkout", "Checkout error rate 12%", "critical",
                    Urgency.PAGE, "paged: severity critical", Map.of("service", "checkout", "severity", "critical"),
                    Map.of("summary", "Checkout error rate 12%"), at, null, "alertmanager-v2", at);
        }

        PageOpened opened(Instant at) {
            return new PageOpened(pageId, alertId, "checkout", "checkout-policy", "Checkout error rate 12%", at);
        }

        NotifyRequested notifyRequested(Instant at) {
            return new NotifyRequested(requestId, pageId, alertId, "alice", 1, "checkout", "Checkout error rate 12%",
                    "critical", Map.of("service", "checkout"), at);
        }

        DeliverySent sent(int attempt, Instant at) {
            return new DeliverySent(deliveryId, requestId, pageId, "alice", Channel.EMAIL, "alice@example.com",
                    attempt, at);
        }

        DeliveryFailed failed(int attempt, Instant retryAt, Instant at) {
            return new DeliveryFailed(deliveryId, requestId, pageId, "alice", Channel.EMAIL, attempt,
                    "421 4.7.0 Try again later", retryAt, at);
        }
    }
}
