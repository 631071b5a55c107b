package dev.tocsin.notifier;

import static dev.tocsin.notifier.Api.ADMIN;
import static dev.tocsin.notifier.Api.putEmail;
import static dev.tocsin.notifier.Api.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.Topics;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.SmtpServer;
import dev.tocsin.testing.SmtpTestResource;
import dev.tocsin.testing.TocsinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Notify requests notifier-service can never apply (one the database refuses, one the handler
 * refuses, one nobody can read) are parked; the next request on the same page still emails.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpTestResource.class, restrictToAnnotatedClass = false)
class DeadLettersIT {

    private static final Duration BOUND = Duration.ofSeconds(30);

    final SmtpServer smtp = SmtpTestResource.server();

    @Test
    void unappliableRequestsAreParkedAndTheNextOneStillEmails() throws Exception {
        String erin = unique("erin");
        putEmail(erin, "work", erin + "@example.com").statusCode(201);
        String page = unique("page");
        // jsonb refuses \u0000: the delivery's events can never be stored.
        NotifyRequested poisoned = request(erin, page, "x\u0000y");
        NotifyRequested withoutUser = request(" ", page, "no one to notify");
        String garbage = "{not a request " + unique("g");
        NotifyRequested next = request(erin, page, "Checkout error rate 12%");
        try (KafkaProducer<String, String> producer = Infrastructure.producer()) {
            send(producer, poisoned);
            send(producer, withoutUser);
            producer.send(new ProducerRecord<>(Topics.NOTIFY_REQUESTS, page, garbage)).get(10, TimeUnit.SECONDS);
            send(producer, next);
        }

        Mailbox.awaitOne(smtp, erin + "@example.com");
        await().atMost(BOUND).untilAsserted(() -> given().header("Authorization", ADMIN)
                .get("/api/v1/dead-letters").then().statusCode(200)
                .body(letter(poisoned.requestId()) + ".errorClass", startsWith("invalid data (SQL state 22"))
                .body(letter(poisoned.requestId()) + ".consumer", equalTo("notifier.notify-requests"))
                .body(letter(withoutUser.requestId()) + ".errorClass", equalTo("rejected by the handler"))
                .body(letter(withoutUser.requestId()) + ".error", containsString("userId"))
                .body("find { it.value == '" + garbage + "' }.errorClass", equalTo("unreadable record")));
        // Counted once each park committed, a moment after the list shows it; three at least.
        await().atMost(BOUND).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(matchesPattern("(?s).*tocsin_dead_letters_total\\{consumer=\"notifier.notify-requests\","
                        + "topic=\"tocsin.notify-requests\"[^}]*} ([3-9]|[1-9][0-9]+)\\..*"))
                .body(matchesPattern("(?s).*tocsin_dead_letters_parked(\\{[^}]*})? ([3-9]|[1-9][0-9]+)\\..*")));
        // A retry runs the request through the same handler, which still refuses it.
        Object id = given().header("Authorization", ADMIN).get("/api/v1/dead-letters").then().extract()
                .path(letter(withoutUser.requestId()) + ".id");
        given().header("Authorization", ADMIN).post("/api/v1/dead-letters/" + id + "/retry").then().statusCode(200)
                .body("status", equalTo("RETRIED")).body("error", containsString("userId"));
    }

    private static String letter(String requestId) {
        return "find { it.value.contains('" + requestId + "') }";
    }

    private static void send(KafkaProducer<String, String> producer, IntegrationEvent event) throws Exception {
        producer.send(CloudEventRecords.toRecord(event, "/tocsin/escalation-service", Instant.now()))
                .get(10, TimeUnit.SECONDS);
    }

    private static NotifyRequested request(String userId, String pageId, String summary) {
        return new NotifyRequested(unique("req"), pageId, unique("alert"), userId, 1, "checkout", summary, "critical",
                Map.of("alertname", summary, "service", "checkout"), Instant.now());
    }
}
