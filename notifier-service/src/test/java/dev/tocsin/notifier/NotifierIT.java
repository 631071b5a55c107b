package dev.tocsin.notifier;

import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TableRows;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.eventing.DeadlineEngine;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.alert.Link;
import dev.tocsin.events.change.ChangeReceived;
import dev.tocsin.events.delivery.Channel;
import dev.tocsin.events.delivery.DeliveryFailed;
import dev.tocsin.events.delivery.DeliverySent;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.testing.SmtpServer;
import dev.tocsin.testing.SmtpTestResource;
import dev.tocsin.testing.TocsinTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * notifier-service against a real Kafka broker, PostgreSQL and SMTP server: notify requests come
 * in as CloudEvents records, emails arrive at the SMTP server, and what the service reports is
 * read back from {@code tocsin.notifications} with a consumer of the test's own.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpTestResource.class, restrictToAnnotatedClass = false)
class NotifierIT {

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
    void emailsEveryContactMethodOnceWithTheAlertAndReportsEachDelivery() throws Exception {
        String alice = unique("alice");
        putEmail(alice, "work", alice + "@work.example.com").statusCode(201);
        putEmail(alice, "home", alice + "@home.example.com").statusCode(201);
        double sentBefore = counter("email", "sent");
        NotifyRequested plain = request(alice, unique("page"));
        NotifyRequested request = new NotifyRequested(plain.requestId(), plain.pageId(), plain.alertId(), alice, 1,
                plain.service(), plain.summary(), plain.severity(), plain.labels(), plain.requestedAt(), null,
                "paged: checkout availability burning 15.2× over 1h ≥ 14.4");
        ProducerRecord<String, String> record = CloudEventRecords.toRecord(request, ESCALATION, clock.instant());

        producer.send(record).get();

        for (String address : List.of(alice + "@work.example.com", alice + "@home.example.com")) {
            MimeMessage mail = Mailbox.awaitOne(smtp, address);
            assertEquals("[Tocsin] CRITICAL checkout: Checkout error rate 12%", mail.getSubject());
            String text = Mailbox.text(mail);
            assertTrue(text.contains("Checkout error rate 12%"), text);
            assertTrue(text.contains("Service:  checkout"), text);
            assertTrue(text.contains("Why:      paged: checkout availability burning 15.2× over 1h ≥ 14.4"), text);
            assertTrue(text.contains("alertname = HighErrorRate"), text);
            assertTrue(text.contains("region = eu-west-1"), text);
            assertTrue(text.contains(request.pageId()) && text.contains(request.alertId()), text);
            DeliverySent sent = awaitEvent(DeliverySent.class,
                    e -> e.requestId().equals(request.requestId()) && e.address().equals(address));
            assertEquals(Channel.EMAIL, sent.channel());
            assertEquals(1, sent.attempt());
            assertEquals(alice, sent.userId());
            assertEquals(request.pageId(), sent.pageId());
        }

        // The same record again (same ce_id), then the same request under a new event id: neither may email again.
        producer.send(record).get();
        producer.send(CloudEventRecords.toRecord(request, ESCALATION, clock.instant())).get();
        // A request for someone else on the same page travels on the same partition, so once it is
        // delivered both repeats have been consumed before it.
        String bob = unique("bob");
        putEmail(bob, "work", bob + "@example.com").statusCode(201);
        producer.send(CloudEventRecords.toRecord(request(bob, request.pageId()), ESCALATION, clock.instant())).get();
        Mailbox.awaitOne(smtp, bob + "@example.com");
        await().atMost(BOUND).untilAsserted(() -> given().header("Authorization", ADMIN)
                .queryParam("pageId", request.pageId())
                .get("/api/v1/deliveries").then().statusCode(200)
                .body("", hasSize(3))
                .body("status", equalTo(List.of("SENT", "SENT", "SENT"))));

        assertEquals(1, Mailbox.to(smtp, alice + "@work.example.com").size());
        assertEquals(1, Mailbox.to(smtp, alice + "@home.example.com").size());
        assertEquals(3.0, counter("email", "sent") - sentBefore);
    }

    @Test
    void aPagesEmailListsTheChangesReportedOnItsServiceInTheDayBefore() throws Exception {
        String ada = unique("ada");
        String address = ada + "@example.com";
        putEmail(ada, "work", address).statusCode(201);
        String service = unique("cart");
        Instant now = clock.instant();
        String deploy = "Deploy " + service + " v2.3.1";
        List<ChangeReceived> changes = List.of(
                change(service, deploy, now.minus(Duration.ofMinutes(5)), "https://ci.example.com/runs/7"),
                change(service, "Last week's deploy of " + service, now.minus(Duration.ofDays(2)), null),
                change(unique("other"), "Another service's deploy", now.minus(Duration.ofMinutes(1)), null));
        for (ChangeReceived change : changes) {
            producer.send(CloudEventRecords.toRecord(change, "/tocsin/alert-ingest", now)).get();
        }
        // The changes are consumed apart from the request: wait until the table has them.
        await("the changes recorded").atMost(BOUND).until(() -> TableRows.select(dataSource,
                "select change_id from recent_changes where change_id in (?, ?, ?)",
                changes.stream().map(ChangeReceived::changeId).toArray()).size() == 3);
        NotifyRequested plain = request(ada, unique("page"));
        send(new NotifyRequested(plain.requestId(), plain.pageId(), plain.alertId(), ada, 1, service,
                plain.summary(), plain.severity(), plain.labels(), now));

        String text = Mailbox.text(Mailbox.awaitOne(smtp, address)).replace("\r\n", "\n");
        String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC)
                .format(now.minus(Duration.ofMinutes(5)));
        assertTrue(text.contains("Recent changes to " + service + ":\n  " + when + "  " + deploy
                + " (github-actions)  https://ci.example.com/runs/7\n\n"), text);
        assertFalse(text.contains("Last week's deploy") || text.contains("Another service's deploy"), text);
    }

    private static ChangeReceived change(String service, String summary, Instant at, String link) {
        return new ChangeReceived(UUID.randomUUID().toString(), service, summary, "github-actions", at, Map.of(),
                link == null ? List.of() : List.of(new Link(link, "run")), "pagerduty-change-v2", at);
    }

    @Test
    void aPersonWithoutContactMethodIsReportedAsAFailedDelivery() {
        String nobody = unique("nobody");
        NotifyRequested request = request(nobody, unique("page"));

        send(request);

        DeliveryFailed failed = awaitEvent(DeliveryFailed.class, e -> e.requestId().equals(request.requestId()));
        assertEquals("no verified contact method for " + nobody, failed.error());
        assertNull(failed.nextAttemptAt());
        assertEquals(0, failed.attempt());
        assertEquals(request.pageId(), failed.pageId());
        given().header("Authorization", ADMIN)
                .queryParam("userId", nobody).get("/api/v1/deliveries").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].status", equalTo("ABANDONED"))
                .body("[0].lastError", equalTo("no verified contact method for " + nobody));
    }

    @Test
    void anSmtpOutageIsRetriedWithBackoffUntilTheEmailArrives() {
        String carol = unique("carol");
        String address = carol + "@example.com";
        putEmail(carol, "work", address).statusCode(201);
        NotifyRequested request = request(carol, unique("page"));
        double failedBefore = counter("email", "failed");

        smtp.pause();
        DeliveryFailed failed;
        try {
            send(request);
            failed = awaitEvent(DeliveryFailed.class, e -> e.requestId().equals(request.requestId()));
        } finally {
            smtp.resume();
        }

        assertEquals(1, failed.attempt());
        assertEquals(Channel.EMAIL, failed.channel());
        assertTrue(failed.error().startsWith("SMTP relay unreachable"), failed.error());
        // The configured base backoff after the first failure; the test clock stands still meanwhile.
        assertEquals(clock.instant().plus(Duration.ofSeconds(30)), failed.nextAttemptAt());
        given().header("Authorization", ADMIN).get("/api/v1/deliveries/" + failed.deliveryId()).then().statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("attempts", equalTo(1))
                .body("lastError", equalTo(failed.error()));
        // The provider's answer and the address are the admin's to see.
        given().header("Authorization", VIEWER).get("/api/v1/deliveries/" + failed.deliveryId()).then()
                .statusCode(200).body("status", equalTo("FAILED"))
                .body("address", nullValue()).body("lastError", nullValue())
                .body("redacted", equalTo(List.of("address", "lastError")));
        assertEquals(1.0, counter("email", "failed") - failedBefore);
        assertTrue(Mailbox.to(smtp, address).isEmpty());

        clock.advance(Duration.ofSeconds(30));
        engine.wake();

        MimeMessage mail = Mailbox.awaitOne(smtp, address);
        assertTrue(Mailbox.text(mail).contains("Checkout error rate 12%"));
        DeliverySent sent = awaitEvent(DeliverySent.class, e -> e.requestId().equals(request.requestId()));
        assertEquals(2, sent.attempt());
        assertEquals(failed.deliveryId(), sent.deliveryId());
        given().header("Authorization", ADMIN).get("/api/v1/deliveries/" + failed.deliveryId()).then().statusCode(200)
                .body("status", equalTo("SENT"))
                .body("attempts", equalTo(2));
    }

    @Test
    void changesWithoutTheAdminTokenAreRefused() {
        String dave = unique("dave");
        String path = "/api/v1/users/" + dave + "/contact-methods/work";
        String body = "{\"type\":\"EMAIL\",\"address\":\"dave@example.com\"}";

        given().contentType(ContentType.JSON).body(body).put(path).then().statusCode(401);
        given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body(body).put(path)
                .then().statusCode(401);
        given().header("Authorization", VIEWER).contentType(ContentType.JSON).body(body).put(path)
                .then().statusCode(403);
        given().get("/api/v1/users/" + dave + "/contact-methods").then().statusCode(401);
        given().header("Authorization", VIEWER).get("/api/v1/users/" + dave + "/contact-methods").then()
                .statusCode(200).body("", hasSize(0));

        putEmail(dave, "work", "dave@example.com").statusCode(201);
        given().delete(path).then().statusCode(401);
        given().post("/api/v1/admin/rebuild").then().statusCode(401);
        given().header("Authorization", VIEWER).get("/api/v1/users/" + dave + "/contact-methods").then()
                .statusCode(200).body("", hasSize(1));
    }

    @Test
    void theDeliveriesProjectionRebuildsFromTheEventsAlone() throws Exception {
        String frank = unique("frank");
        putEmail(frank, "work", frank + "@example.com").statusCode(201);
        NotifyRequested request = request(frank, unique("page"));
        send(request);
        awaitEvent(DeliverySent.class, e -> e.requestId().equals(request.requestId()));
        List<Object> before = allDeliveries();
        assertTrue(before.size() > 0);
        List<List<String>> rowsBefore = rows(frank);
        assertEquals(1, rowsBefore.size());

        // Lose the projection entirely, as after a bad migration or a projection bug.
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("delete from deliveries");
        }
        assertEquals(List.of(), allDeliveries());

        given().header("Authorization", ADMIN).post("/api/v1/admin/rebuild").then().statusCode(200)
                .body("rows.deliveries", equalTo(before.size()));

        assertEquals(before, allDeliveries());
        // Every column, including those the API does not show.
        assertEquals(rowsBefore, rows(frank));
    }

    /** Every column of the person's rows of {@code deliveries}, as PostgreSQL prints them, in id order. */
    private List<List<String>> rows(String userId) throws Exception {
        return TableRows.select(dataSource, "select * from deliveries where user_id = ? order by id", userId);
    }

    private static List<Object> allDeliveries() {
        return given().header("Authorization", ADMIN)
                .queryParam("limit", 500).get("/api/v1/deliveries").then().statusCode(200)
                .extract().jsonPath().getList("");
    }

    private void send(NotifyRequested request) {
        try {
            producer.send(CloudEventRecords.toRecord(request, ESCALATION, clock.instant())).get();
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
                "Checkout error rate 12%", "critical",
                Map.of("alertname", "HighErrorRate", "service", "checkout", "region", "eu-west-1"), clock.instant());
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
