package dev.tocsin.notifier;

import static dev.tocsin.notifier.Api.person;
import static dev.tocsin.notifier.Api.put;
import static dev.tocsin.notifier.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.eventing.DeadlineEngine;
import dev.tocsin.events.Topics;
import dev.tocsin.events.delivery.DeliveryFailed;
import dev.tocsin.events.delivery.DeliverySent;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.events.page.AcknowledgePage;
import dev.tocsin.events.page.EscalatePage;
import dev.tocsin.events.page.PageCommand;
import dev.tocsin.events.page.ResolvePage;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.SmtpTestResource;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import dev.tocsin.testing.fakes.TwilioFake;
import dev.tocsin.testing.fakes.TwilioFake.WebhookAnswer;
import dev.tocsin.testing.fakes.TwilioTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * SMS through Twilio's Messages API, against a local Twilio that checks every request as Twilio
 * does (basic auth, the account, E.164 numbers, the body): a page's SMS carries the person's reply
 * code; a reply signed by Twilio acknowledges, resolves or escalates the page in the person's name;
 * a reply without a valid signature is refused and does nothing; an outage is retried and sends once.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TwilioTestResource.class, restrictToAnnotatedClass = false)
class SmsIT {

    private static final Duration BOUND = EscalationEvents.BOUND;
    private static final Pattern CODE = Pattern.compile("Reply (\\d+)a to acknowledge");
    private static final TopicReader COMMANDS = new TopicReader(Infrastructure.kafkaBootstrapServers(),
            Topics.PAGE_COMMANDS);

    private final TwilioFake twilio = TwilioTestResource.server();

    private static final Duration BUNDLE_WINDOW = Duration.ofSeconds(30);

    @Inject
    TestClock clock;
    @Inject
    DeadlineEngine engine;
    @ConfigProperty(name = "tocsin.notifier.public-url")
    String publicUrl;

    @Test
    void aReplySignedByTwilioActsOnThePageInThePersonsName() {
        String nina = unique("nina");
        String phone = phoneOf(nina);
        NotifyRequested first = request(nina);
        send(first);

        await("the SMS").atMost(BOUND).until(() -> twilio.messagesTo(phone).size() == 1);
        String body = twilio.messagesTo(phone).get(0).body();
        assertTrue(body.startsWith("[Tocsin] CRITICAL checkout: Checkout error rate 12%"), body);
        assertEquals(TwilioTestResource.NUMBER, twilio.messagesTo(phone).get(0).params().get("From"));
        int code = code(body);
        EscalationEvents.awaitEvent(DeliverySent.class, e -> e.requestId().equals(first.requestId()));

        // A second page gets the next code; both pages stay reachable by their own. (Each comes
        // after the storm bundle's window, so it is a message of its own: StormBundleIT.)
        clock.advance(BUNDLE_WINDOW);
        NotifyRequested second = request(nina);
        send(second);
        await("the second SMS").atMost(BOUND).until(() -> twilio.messagesTo(phone).size() == 2);
        int secondCode = code(twilio.messagesTo(phone).get(1).body());
        assertTrue(secondCode != code, "two pages, two codes");
        // Another message about the first page repeats its code.
        clock.advance(BUNDLE_WINDOW);
        send(new NotifyRequested(unique("req"), first.pageId(), first.alertId(), nina, 2, "checkout",
                "Checkout error rate 12%", "critical", Map.of(), clock.instant()));
        await("the third SMS").atMost(BOUND).until(() -> twilio.messagesTo(phone).size() == 3);
        assertEquals(code, code(twilio.messagesTo(phone).get(2).body()));

        WebhookAnswer acknowledged = reply(phone, code + "a");
        assertEquals(200, acknowledged.status());
        assertTrue(acknowledged.body().contains("<Response><Message>Acknowledge sent for page " + first.pageId()),
                acknowledged.body());
        AcknowledgePage ack = command(AcknowledgePage.class, first.pageId());
        assertEquals(nina, ack.by());
        assertEquals("sms", ack.via());
        assertEquals(first.alertId(), ack.alertId());
        assertEquals(nina, command(ResolvePage.class, reply(phone, "res " + code), first.pageId()).by());
        assertEquals(nina, command(EscalatePage.class, reply(phone, secondCode + "E"), second.pageId()).by());
    }

    @Test
    void aReplyWithoutTwilioSignatureIsRefusedAndDoesNothing() {
        String olga = unique("olga");
        String phone = phoneOf(olga);
        NotifyRequested request = request(olga);
        send(request);
        await("the SMS").atMost(BOUND).until(() -> twilio.messagesTo(phone).size() == 1);
        String ack = code(twilio.messagesTo(phone).get(0).body()) + "a";
        String webhook = publicUrl + "/webhooks/twilio/sms";

        assertEquals(403, twilio.sendSmsSignedAs(reachAt(), phone, ack, null).status());
        assertEquals(403, twilio.sendSmsSignedAs(reachAt(), phone, ack,
                TwilioFake.signature("another-accounts-token", webhook, Map.of("From", phone, "Body", ack))).status());
        // Signed for another URL (a replay of a request made to another deployment).
        assertEquals(403, twilio.sendSms("https://elsewhere.example.com/webhooks/twilio/sms", reachAt(), phone, ack)
                .status());
        await("no command for the refused replies").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> COMMANDS.all(AcknowledgePage.class, c -> request.pageId().equals(c.pageId())).isEmpty());

        // Signed, but not a reply Tocsin reads, or a code that is nobody's page: help, and nothing sent.
        assertTrue(reply(phone, "what is this?").body().contains("Reply 12a to acknowledge"));
        assertTrue(reply(phone, "98a").body().contains("No page of yours has code 98"));
        assertTrue(reply("+15550000000", ack).body().contains("does not know this number"));
    }

    @Test
    void anOutageIsRetriedAndTheSmsIsSentOnce() {
        String pia = unique("pia");
        String phone = phoneOf(pia);
        NotifyRequested request = request(pia);
        twilio.failNext(1, 500);

        send(request);

        DeliveryFailed failed = EscalationEvents.awaitEvent(DeliveryFailed.class, e -> e.requestId().equals(request.requestId()));
        assertTrue(failed.error().startsWith("Twilio answered 500"), failed.error());
        clock.advance(Duration.ofSeconds(30));
        engine.wake();
        DeliverySent sent = EscalationEvents.awaitEvent(DeliverySent.class, e -> e.requestId().equals(request.requestId()));
        assertEquals(2, sent.attempt());
        assertEquals(1, twilio.messagesTo(phone).size());
    }

    @Test
    void aPhoneNumberIsCheckedWhenItIsConfigured() {
        String quin = unique("quin");
        person(quin);
        String path = "/api/v1/users/" + quin + "/contact-methods/mobile";
        put(path, "{\"type\":\"SMS\",\"address\":\"555-1234\"}").statusCode(400)
                .body("errors[0].field", equalTo("address"));
        put(path, "{\"type\":\"VOICE\",\"address\":\"+0123456789\"}").statusCode(400);
        // Written the way people write numbers, stored the way providers take them.
        put(path, "{\"type\":\"SMS\",\"address\":\"+1 (555) 010-9999\"}").statusCode(201);
    }

    /** Gives the person an SMS contact method on a number of their own, and returns it. */
    private static String phoneOf(String user) {
        person(user);
        String phone = Api.phone();
        put("/api/v1/users/" + user + "/contact-methods/mobile", "{\"type\":\"SMS\",\"address\":\"" + phone + "\"}")
                .statusCode(201);
        return phone;
    }

    private static int code(String body) {
        Matcher found = CODE.matcher(body);
        assertTrue(found.find(), body);
        return Integer.parseInt(found.group(1));
    }

    private WebhookAnswer reply(String from, String body) {
        return twilio.sendSms(publicUrl + "/webhooks/twilio/sms", reachAt(), from, body);
    }

    private static String reachAt() {
        return "http://localhost:" + RestAssured.port + "/webhooks/twilio/sms";
    }

    private <C extends PageCommand> C command(Class<C> type, String pageId) {
        return COMMANDS.await(type, c -> pageId.equals(c.pageId()), BOUND);
    }

    private <C extends PageCommand> C command(Class<C> type, WebhookAnswer answer, String pageId) {
        assertEquals(200, answer.status(), answer.body());
        return command(type, pageId);
    }

    private NotifyRequested request(String userId) {
        return new NotifyRequested(unique("req"), unique("page"), unique("alert"), userId, 1, "checkout",
                "Checkout error rate 12%", "critical", Map.of("alertname", "HighErrorRate"), clock.instant());
    }

    private void send(IntegrationEvent event) {
        EscalationEvents.send(event, clock.instant());
    }
}
