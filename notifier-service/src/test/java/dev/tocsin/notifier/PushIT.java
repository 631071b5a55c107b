package dev.tocsin.notifier;

import static dev.tocsin.notifier.Api.ADMIN;
import static dev.tocsin.notifier.Api.person;
import static dev.tocsin.notifier.Api.put;
import static dev.tocsin.notifier.Api.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.eventing.DeadlineEngine;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.delivery.Channel;
import dev.tocsin.events.delivery.DeliveryFailed;
import dev.tocsin.events.delivery.DeliverySent;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.testing.SmtpTestResource;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.fakes.NtfyFake;
import dev.tocsin.testing.fakes.NtfyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Push through ntfy, against a local ntfy that checks every publish as ntfy does (topic, priority,
 * size, the access token): a page reaches a person's topic once, as urgent, with the page's
 * words; a server that is down is tried again and the push still arrives once; a topic URL on a
 * server the deployment does not send to is refused when it is configured.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = NtfyTestResource.class, restrictToAnnotatedClass = false)
class PushIT {

    private static final Duration BOUND = EscalationEvents.BOUND;

    private final NtfyFake ntfy = NtfyTestResource.server();

    @Inject
    TestClock clock;
    @Inject
    DeadlineEngine engine;

    @Test
    void aPageReachesThePersonsTopicOnceAsUrgent() {
        String dana = unique("dana");
        String topic = "tocsin-" + unique("dana");
        person(dana);
        put("/api/v1/users/" + dana + "/contact-methods/phone", push(ntfy.url() + "/" + topic)).statusCode(201)
                .body("type", equalTo("PUSH"));
        NotifyRequested request = request(dana);

        send(request);

        await("the push").atMost(BOUND).until(() -> ntfy.publishedTo(topic).size() == 1);
        JsonNode message = ntfy.publishedTo(topic).get(0);
        assertEquals("[Tocsin] CRITICAL checkout: Checkout error rate 12%", message.path("title").asText());
        assertEquals(5, message.path("priority").asInt());
        assertTrue(message.path("message").asText().contains("Service:  checkout"), message.toString());
        // Acknowledging from the notification: ntfy's app POSTs to the signed link.
        assertEquals("Acknowledge", message.path("actions").path(0).path("label").asText());
        assertEquals("POST", message.path("actions").path(0).path("method").asText());
        assertTrue(message.path("actions").path(0).path("url").asText().contains("/actions/"), message.toString());
        DeliverySent sent = EscalationEvents.awaitEvent(DeliverySent.class, e -> e.requestId().equals(request.requestId()));
        assertEquals(Channel.PUSH, sent.channel());
        assertEquals(1, sent.attempt());

        // The same request again sends nothing.
        send(request);
        String other = unique("erik");
        person(other);
        String otherTopic = "tocsin-" + other;
        put("/api/v1/users/" + other + "/contact-methods/phone", push(ntfy.url() + "/" + otherTopic)).statusCode(201);
        send(new NotifyRequested(unique("req"), request.pageId(), request.alertId(), other, 1, "checkout",
                "Checkout error rate 12%", "critical", Map.of(), clock.instant()));
        await("the other push").atMost(BOUND).until(() -> ntfy.publishedTo(otherTopic).size() == 1);
        assertEquals(1, ntfy.publishedTo(topic).size());
    }

    @Test
    void aServerThatIsDownIsTriedAgainAndThePushArrivesOnce() {
        String fay = unique("fay");
        String topic = "tocsin-" + fay;
        person(fay);
        put("/api/v1/users/" + fay + "/contact-methods/phone", push(ntfy.url() + "/" + topic)).statusCode(201);
        NotifyRequested request = request(fay);
        ntfy.failNext(1, 500);

        send(request);

        DeliveryFailed failed = EscalationEvents.awaitEvent(DeliveryFailed.class, e -> e.requestId().equals(request.requestId()));
        assertTrue(failed.error().startsWith("ntfy answered 500"), failed.error());
        assertEquals(clock.instant().plus(Duration.ofSeconds(30)), failed.nextAttemptAt());
        clock.advance(Duration.ofSeconds(30));
        engine.wake();
        DeliverySent sent = EscalationEvents.awaitEvent(DeliverySent.class, e -> e.requestId().equals(request.requestId()));
        assertEquals(2, sent.attempt());
        assertEquals(1, ntfy.publishedTo(topic).size());
    }

    @Test
    void aTopicOnAServerTheDeploymentDoesNotSendToIsRefused() {
        String gus = unique("gus");
        person(gus);
        String path = "/api/v1/users/" + gus + "/contact-methods/phone";
        put(path, push("http://169.254.169.254/latest")).statusCode(400).body("errors[0].field", equalTo("address"))
                .body("errors[0].message", containsString("no ntfy server this deployment sends to"));
        put(path, push(ntfy.url() + "/short topic")).statusCode(400).body("errors[0].field", equalTo("address"));
        put(path, push(ntfy.url() + "/tocsin-gus?auth=x")).statusCode(400).body("errors[0].field", equalTo("address"));
        given().header("Authorization", ADMIN).get(path.replace("/phone", "")).then().statusCode(200)
                .body("", org.hamcrest.Matchers.hasSize(0));
    }

    private static String push(String url) {
        return "{\"type\":\"PUSH\",\"address\":\"" + url + "\"}";
    }

    private NotifyRequested request(String userId) {
        return new NotifyRequested(unique("req"), unique("page"), unique("alert"), userId, 1, "checkout",
                "Checkout error rate 12%", "critical", Map.of("alertname", "HighErrorRate"), clock.instant());
    }

    private void send(IntegrationEvent event) {
        EscalationEvents.send(event, clock.instant());
    }
}
