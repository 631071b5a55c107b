package dev.tocsin.notifier;

import static dev.tocsin.notifier.Api.ADMIN;
import static dev.tocsin.notifier.Api.VIEWER;
import static dev.tocsin.notifier.Api.person;
import static dev.tocsin.notifier.Api.put;
import static dev.tocsin.notifier.Api.putEmail;
import static dev.tocsin.notifier.Api.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.eventing.DeadlineEngine;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.delivery.Channel;
import dev.tocsin.events.delivery.DeliveryQueued;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.events.page.PageAcknowledged;
import dev.tocsin.events.page.PageEscalated;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.testing.SmtpServer;
import dev.tocsin.testing.SmtpTestResource;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.fakes.NtfyFake;
import dev.tocsin.testing.fakes.NtfyTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-person notification rules: a push at once and an email a minute later, the email sent only
 * once the minute has passed and only while nobody acknowledged; an escalation stops the rules of
 * those the new step does not notify; the defaults for a person who set none; and every refusal
 * named by its rule.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = NtfyTestResource.class, restrictToAnnotatedClass = false)
class NotificationRulesIT {

    private static final Duration BOUND = EscalationEvents.BOUND;

    private final NtfyFake ntfy = NtfyTestResource.server();
    private final SmtpServer smtp = SmtpTestResource.server();

    @Inject
    TestClock clock;
    @Inject
    DeadlineEngine engine;

    @Test
    void aLaterRuleIsSentOnceItsDelayPassedAndNeverAfterTheAcknowledgement() {
        String ida = unique("ida");
        String topic = pushAndEmail(ida);
        put("/api/v1/users/" + ida + "/notification-rules", rules("phone", "PT0S", "work", "PT1M")).statusCode(200)
                .body("defaults", equalTo(false))
                .body("rules.type", equalTo(List.of("PUSH", "EMAIL")))
                .body("rules.delay", equalTo(List.of("PT0S", "PT1M")));

        // Nobody answers: the push at once, the email a minute later.
        String first = unique("page");
        send(opened(first));
        NotifyRequested firstRequest = request(ida, first);
        send(firstRequest);
        await("the push").atMost(BOUND).until(() -> ntfy.publishedTo(topic).size() == 1);
        awaitDelivery(first, "EMAIL", "PENDING");
        // Queued for the minute's end, counted from the request; the clock has not moved, so nothing went.
        assertEquals(firstRequest.requestedAt().plus(Duration.ofMinutes(1)), EscalationEvents.awaitEvent(
                DeliveryQueued.class, q -> q.requestId().equals(firstRequest.requestId())
                        && q.channel() == Channel.EMAIL).dueAt());
        assertTrue(Mailbox.to(smtp, ida + "@example.com").isEmpty(), "no email before its minute");
        clock.advance(Duration.ofMinutes(1));
        engine.wake();
        Mailbox.awaitOne(smtp, ida + "@example.com");

        // The next page is acknowledged within the minute: the email's minute passes and nothing is sent.
        String second = unique("page");
        send(opened(second));
        NotifyRequested request = request(ida, second);
        send(request);
        await("the second push").atMost(BOUND).until(() -> ntfy.publishedTo(topic).size() == 2);
        send(new PageAcknowledged(second, request.alertId(), ida, "signed-link", clock.instant()));
        awaitDelivery(second, "EMAIL", "CANCELLED");
        String control = unique("jon");
        putEmail(control, "work", control + "@example.com").statusCode(201);
        clock.advance(Duration.ofMinutes(1));
        send(request(control, unique("page")));
        engine.wake();
        Mailbox.awaitOne(smtp, control + "@example.com");
        assertEquals(1, Mailbox.to(smtp, ida + "@example.com").size(), "no email about the acknowledged page");
    }

    @Test
    void aQuietNoticeGoesByEmailAtOnceWhateverTheRulesSay() {
        String kim = unique("kim");
        String topic = pushAndEmail(kim);
        // Kim is paged by push only; a stakeholder update is to be read, so it goes by email, at once.
        put("/api/v1/users/" + kim + "/notification-rules", rules("phone", "PT0S")).statusCode(200);
        String notice = "incident/" + unique("inc");
        send(new NotifyRequested(unique("req"), notice, null, kim, 1, "checkout",
                "Update on incident \"Checkout errors\" (active, SEV2): a rollback is under way", "info",
                Map.of("incident", notice), clock.instant(), "stakeholder update", null, true));
        Mailbox.awaitOne(smtp, kim + "@example.com");
        awaitDelivery(notice, "EMAIL", "SENT");
        given().header("Authorization", VIEWER).queryParam("pageId", notice).get("/api/v1/deliveries").then()
                .statusCode(200).body("channel", equalTo(List.of("EMAIL")));
        assertTrue(ntfy.publishedTo(topic).isEmpty(), "no push for a quiet notice");
    }

    @Test
    void anEscalationStopsTheRulesOfThoseTheNewStepDoesNotNotify() {
        String kim = unique("kim");
        String topic = pushAndEmail(kim);
        put("/api/v1/users/" + kim + "/notification-rules", rules("phone", "PT0S", "work", "PT2M")).statusCode(200);
        String page = unique("page");
        PageOpened opened = opened(page);
        send(opened);
        send(request(kim, page));
        await("the push").atMost(BOUND).until(() -> ntfy.publishedTo(topic).size() == 1);

        send(new PageEscalated(page, opened.alertId(), 2, 1, List.of(unique("lee")), clock.instant()));

        awaitDelivery(page, "EMAIL", "CANCELLED");
        given().header("Authorization", VIEWER).queryParam("pageId", page).get("/api/v1/deliveries").then()
                .body("cancelReason", hasItem("page escalated to step 2 (round 1)"));
    }

    @Test
    void aPersonWithoutRulesGetsTheDefaultsAndEveryWrongRuleIsNamed() {
        String max = unique("max");
        pushAndEmail(max);
        String path = "/api/v1/users/" + max + "/notification-rules";
        // Push and email are the first rung of the defaults: both at once.
        given().header("Authorization", VIEWER).get(path).then().statusCode(200)
                .body("defaults", equalTo(true))
                .body("rules.contactMethod", equalTo(List.of("phone", "work")))
                .body("rules.delay", equalTo(List.of("PT0S", "PT0S")));

        put(path, rules("phone", "PT0S", "pager", "PT1M")).statusCode(400)
                .body("errors[0].field", equalTo("rules[1].contactMethod"))
                .body("errors[0].message", containsString("not one of this person's contact methods"));
        put(path, rules("phone", "PT2H")).statusCode(400).body("errors[0].field", equalTo("rules[0].delay"));
        put(path, rules("phone", "-PT1M")).statusCode(400).body("errors[0].field", equalTo("rules[0].delay"));
        put(path, rules("phone", "PT0S", "phone", "PT0S")).statusCode(400).body("errors[0].field", equalTo("rules[1]"));
        put(path, "{\"rules\":[]}").statusCode(400).body("errors[0].field", equalTo("rules"));
        put(path, "{\"rules\":[{\"contactMethod\":\"phone\",\"delay\":\"soon\"}]}").statusCode(400);
        given().header("Authorization", VIEWER).contentType(ContentType.JSON).body(rules("phone", "PT0S")).put(path)
                .then().statusCode(403);

        put(path, rules("work", "PT0S", "phone", "PT5M", "phone", "PT10M")).statusCode(200);
        given().header("Authorization", ADMIN).delete("/api/v1/users/" + max + "/contact-methods/phone").then()
                .statusCode(409).body("detail", containsString("change the rules first"));
        given().header("Authorization", ADMIN).delete(path).then().statusCode(204);
        given().header("Authorization", VIEWER).get(path).then().statusCode(200).body("defaults", equalTo(true));
        given().header("Authorization", ADMIN).delete(path).then().statusCode(404);
    }

    /** Gives the person a push topic ({@code phone}) and an email address ({@code work}); returns the topic. */
    private String pushAndEmail(String user) {
        person(user);
        String topic = "tocsin-" + user;
        put("/api/v1/users/" + user + "/contact-methods/phone",
                "{\"type\":\"PUSH\",\"address\":\"" + ntfy.url() + "/" + topic + "\"}").statusCode(201);
        putEmail(user, "work", user + "@example.com").statusCode(201);
        return topic;
    }

    /** A rules body from pairs of contact method id and delay. */
    private static String rules(String... pairs) {
        StringBuilder body = new StringBuilder("{\"rules\":[");
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(i == 0 ? "" : ",").append("{\"contactMethod\":\"").append(pairs[i]).append("\",\"delay\":\"")
                    .append(pairs[i + 1]).append("\"}");
        }
        return body.append("]}").toString();
    }

    private void awaitDelivery(String pageId, String channel, String status) {
        await("the " + channel + " delivery " + status).atMost(BOUND).untilAsserted(() -> given()
                .header("Authorization", VIEWER).queryParam("pageId", pageId).get("/api/v1/deliveries").then()
                .statusCode(200)
                .body("findAll { it.channel == '" + channel + "' }.status", equalTo(List.of(status))));
    }

    private PageOpened opened(String pageId) {
        return new PageOpened(pageId, unique("alert"), "checkout", "default", "Checkout error rate 12%",
                clock.instant());
    }

    private NotifyRequested request(String userId, String pageId) {
        return new NotifyRequested(unique("req"), pageId, unique("alert"), userId, 1, "checkout",
                "Checkout error rate 12%", "critical", Map.of("alertname", "HighErrorRate"), clock.instant());
    }

    private void send(IntegrationEvent event) {
        EscalationEvents.send(event, clock.instant());
    }
}
