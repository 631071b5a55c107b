package dev.tocsin.notifier;

import static dev.tocsin.notifier.Api.ADMIN;
import static dev.tocsin.notifier.Api.VIEWER;
import static dev.tocsin.notifier.Api.putEmail;
import static dev.tocsin.notifier.Api.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.eventing.DeadlineEngine;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.delivery.DeliveryFailed;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.events.page.PageAcknowledged;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.events.page.PageResolved;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.SmtpServer;
import dev.tocsin.testing.SmtpTestResource;
import dev.tocsin.testing.TableRows;
import dev.tocsin.testing.TocsinTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * notifier-service hears from {@code tocsin.pages} that a page was acknowledged or resolved, against
 * a real broker, PostgreSQL and SMTP server: a retry due afterwards never emails, a request that
 * comes afterwards is recorded as not sent, and a redelivered page event changes nothing twice.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpTestResource.class, restrictToAnnotatedClass = false)
class PageClosureIT {

    static final String ESCALATION = "/tocsin/escalation-service";
    static final Duration BOUND = Duration.ofSeconds(30);

    static NotificationsTopic notifications;
    static KafkaProducer<String, String> producer;

    final SmtpServer smtp = SmtpTestResource.server();

    @Inject
    TestClock clock;
    @Inject
    DeadlineEngine engine;
    @Inject
    AgroalDataSource dataSource;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeEach
    void connect() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        if (producer == null) {
            producer = Infrastructure.producer();
            notifications = new NotificationsTopic(bootstrapServers);
        }
    }

    @AfterAll
    static void close() {
        if (producer != null) {
            producer.close();
            notifications.close();
        }
    }

    @Test
    void aRetryDueAfterTheAcknowledgementNeverEmailsAndTheDeliveryShowsCancelled() throws Exception {
        String carol = unique("carol");
        String address = carol + "@example.com";
        putEmail(carol, "work", address).statusCode(201);
        String pageId = unique("page");
        send(opened(pageId));
        NotifyRequested request = request(carol, pageId);
        double cancelledBefore = counter("email", "cancelled");

        smtp.pause();
        DeliveryFailed failed;
        try {
            send(request);
            failed = awaitEvent(DeliveryFailed.class, e -> e.requestId().equals(request.requestId()));
        } finally {
            smtp.resume();
        }
        assertEquals(clock.instant().plus(Duration.ofSeconds(30)), failed.nextAttemptAt());

        ProducerRecord<String, String> ack = CloudEventRecords.toRecord(
                new PageAcknowledged(pageId, request.alertId(), "bob", "web", clock.instant()), ESCALATION,
                clock.instant());
        producer.send(ack).get();

        String reason = "page acknowledged by bob";
        await("the delivery cancelled").atMost(BOUND).untilAsserted(() -> given().header("Authorization", VIEWER)
                .get("/api/v1/deliveries/" + failed.deliveryId()).then().statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("cancelReason", equalTo(reason))
                .body("attempts", equalTo(1))
                .body("nextAttemptAt", nullValue()));
        // Others heard "retry at ..."; they now hear that none follows, and why.
        DeliveryFailed withdrawn = awaitEvent(DeliveryFailed.class,
                e -> e.deliveryId().equals(failed.deliveryId()) && e.nextAttemptAt() == null);
        assertEquals("cancelled: " + reason, withdrawn.error());
        assertEquals(1, withdrawn.attempt());
        assertEquals(0L, deadlines(failed.deliveryId()), "the retry's deadline is removed with the cancellation");

        // The retry's time passes; a delivery due at the same moment shows the engine ran meanwhile.
        String dave = unique("dave");
        putEmail(dave, "work", dave + "@example.com").statusCode(201);
        clock.advance(Duration.ofSeconds(30));
        send(request(dave, unique("page")));
        engine.wake();
        Mailbox.awaitOne(smtp, dave + "@example.com");
        assertTrue(Mailbox.to(smtp, address).isEmpty(), "no email after the acknowledgement");

        // (d) The same acknowledgement again, then the page resolved: neither cancels anything twice,
        // nor replaces the reason the delivery was stopped for.
        producer.send(ack).get();
        send(new PageResolved(pageId, request.alertId(), clock.instant()));
        await("the page resolved").atMost(BOUND).until(() -> "RESOLVED".equals(pageStatus(pageId)));
        given().header("Authorization", ADMIN).get("/api/v1/deliveries/" + failed.deliveryId()).then()
                .statusCode(200).body("status", equalTo("CANCELLED")).body("cancelReason", equalTo(reason))
                .body("lastError", equalTo(failed.error()));
        assertEquals(List.of(List.of("DeliveryRequested"), List.of("DeliveryAttemptFailed"),
                List.of("DeliveryCancelled")), storedEvents(failed.deliveryId()));
        assertEquals(1.0, counter("email", "cancelled") - cancelledBefore);
        notifications.find(DeliveryFailed.class, e -> false);
        assertEquals(2, notifications.all(DeliveryFailed.class, e -> e.deliveryId().equals(failed.deliveryId()))
                .size());
        assertTrue(Mailbox.to(smtp, address).isEmpty());
    }

    @Test
    void aRequestAfterTheAcknowledgementIsRecordedAsNotSentAndNeverEmailed() throws Exception {
        String erin = unique("erin");
        putEmail(erin, "work", erin + "@example.com").statusCode(201);
        putEmail(erin, "home", erin + "@home.example.com").statusCode(201);
        String pageId = unique("page");
        send(opened(pageId));
        send(new PageAcknowledged(pageId, "alert-1", "frank", "pagerduty-events-v2", clock.instant()));
        await("the acknowledgement consumed").atMost(BOUND).until(() -> "ACKNOWLEDGED".equals(pageStatus(pageId)));

        expectNotSent(erin, pageId, "page acknowledged by frank");
    }

    @Test
    void aRequestAfterThePageResolvedIsRecordedAsNotSentAndNeverEmailed() throws Exception {
        String gina = unique("gina");
        putEmail(gina, "work", gina + "@example.com").statusCode(201);
        putEmail(gina, "home", gina + "@home.example.com").statusCode(201);
        String pageId = unique("page");
        send(opened(pageId));
        send(new PageResolved(pageId, "alert-1", clock.instant()));
        await("the resolution consumed").atMost(BOUND).until(() -> "RESOLVED".equals(pageStatus(pageId)));

        expectNotSent(gina, pageId, "page resolved");
    }

    @Test
    void thePageStatesRebuildFromTheTopic() throws Exception {
        String pageId = unique("page");
        send(opened(pageId));
        send(new PageAcknowledged(pageId, "alert-1", "henry", "web", clock.instant()));
        await("the acknowledgement consumed").atMost(BOUND).until(() -> "ACKNOWLEDGED".equals(pageStatus(pageId)));
        List<List<String>> before = TableRows.select(dataSource,
                "select * from notifier_page_states where page_id = ?", pageId);

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from notifier_page_states");
        }
        int rows = given().header("Authorization", ADMIN).post("/api/v1/admin/rebuild").then().statusCode(200)
                .extract().path("rows.notifier_page_states");

        assertTrue(rows > 0);
        assertEquals(before, TableRows.select(dataSource, "select * from notifier_page_states where page_id = ?",
                pageId));
    }

    /** A request for {@code userId}, who has two contact methods, on the closed page. */
    private void expectNotSent(String userId, String pageId, String reason) throws Exception {
        double cancelledBefore = counter("email", "cancelled");
        NotifyRequested request = request(userId, pageId);
        ProducerRecord<String, String> record = CloudEventRecords.toRecord(request, ESCALATION, clock.instant());
        producer.send(record).get();
        // Redelivered: the decision stands, nothing is recorded twice.
        producer.send(record).get();

        await("the request recorded as not sent").atMost(BOUND).untilAsserted(() -> given()
                .header("Authorization", VIEWER).queryParam("userId", userId).get("/api/v1/deliveries").then()
                .statusCode(200)
                .body("status", equalTo(List.of("CANCELLED", "CANCELLED")))
                .body("cancelReason", equalTo(List.of(reason, reason)))
                .body("attempts", equalTo(List.of(0, 0))));
        List<String> ids = given().header("Authorization", VIEWER).queryParam("userId", userId)
                .get("/api/v1/deliveries").then().extract().jsonPath().getList("id");
        for (String id : ids) {
            assertEquals(0L, deadlines(id), "no attempt is scheduled");
        }
        // A request on the same page for someone else travels behind it on the same partition.
        String sentinel = unique("sentinel");
        send(request(sentinel, pageId));
        await("the request behind consumed").atMost(BOUND).untilAsserted(() -> given()
                .header("Authorization", VIEWER).queryParam("userId", sentinel).get("/api/v1/deliveries").then()
                .statusCode(200).body("", hasSize(1)));
        given().header("Authorization", VIEWER).queryParam("userId", userId).get("/api/v1/deliveries").then()
                .body("", hasSize(2));
        assertEquals(2.0, counter("email", "cancelled") - cancelledBefore);
        assertTrue(smtp.receivedMessages().stream().noneMatch(m -> recipients(m).contains(userId)),
                "no email for a closed page");
        // Nobody heard of an attempt that was never made.
        assertTrue(notifications.find(DeliveryFailed.class, e -> ids.contains(e.deliveryId())).isEmpty());
    }

    private static String recipients(jakarta.mail.internet.MimeMessage message) {
        try {
            return String.valueOf(List.of(message.getAllRecipients()));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String pageStatus(String pageId) throws Exception {
        List<List<String>> rows = TableRows.select(dataSource,
                "select status from notifier_page_states where page_id = ?", pageId);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    private long deadlines(String deliveryId) throws Exception {
        return Long.parseLong(TableRows.select(dataSource, "select count(*) from deadlines where ref = ?", deliveryId)
                .get(0).get(0));
    }

    private List<List<String>> storedEvents(String deliveryId) throws Exception {
        return TableRows.select(dataSource, "select event_type from event_store"
                + " where aggregate_type = 'Delivery' and aggregate_id = ? order by seq", deliveryId);
    }

    private PageOpened opened(String pageId) {
        return new PageOpened(pageId, unique("alert"), "checkout", "default", "Checkout error rate 12%",
                clock.instant());
    }

    private void send(IntegrationEvent event) {
        try {
            producer.send(CloudEventRecords.toRecord(event, ESCALATION, clock.instant())).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private <E extends IntegrationEvent> E awaitEvent(Class<E> type, Predicate<E> matching) {
        return await(type.getSimpleName()).atMost(BOUND).until(() -> notifications.find(type, matching),
                Optional::isPresent).orElseThrow();
    }

    private NotifyRequested request(String userId, String pageId) {
        return new NotifyRequested(unique("req"), pageId, unique("alert"), userId, 1, "checkout",
                "Checkout error rate 12%", "critical", Map.of("alertname", "HighErrorRate"), clock.instant());
    }

    /** The value of {@code tocsin.deliveries{channel, outcome}} in the Prometheus scrape, 0 before the first. */
    private static double counter(String channel, String outcome) {
        String prefix = "tocsin_deliveries_total{channel=\"" + channel + "\",outcome=\"" + outcome + "\"";
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
