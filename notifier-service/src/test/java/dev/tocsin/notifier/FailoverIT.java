package dev.tocsin.notifier;

import static dev.tocsin.notifier.Api.VIEWER;
import static dev.tocsin.notifier.Api.person;
import static dev.tocsin.notifier.Api.put;
import static dev.tocsin.notifier.Api.putEmail;
import static dev.tocsin.notifier.Api.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.delivery.Channel;
import dev.tocsin.events.delivery.DeliveryDelivered;
import dev.tocsin.events.delivery.DeliveryFailed;
import dev.tocsin.events.delivery.DeliveryQueued;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.testing.SmtpServer;
import dev.tocsin.testing.SmtpTestResource;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.fakes.TwilioFake;
import dev.tocsin.testing.fakes.TwilioFake.Created;
import dev.tocsin.testing.fakes.TwilioTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * When one way of reaching a person fails, the next one is used at once instead of at its delay:
 * a provider that is down, or one that reports the message never arrived. A provider's report that
 * it did arrive is published. A slow provider delays nobody else's page. The clock never moves in
 * these tests: whatever is sent early was brought forward.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TwilioTestResource.class, restrictToAnnotatedClass = false)
class FailoverIT {

    private static final Duration BOUND = EscalationEvents.BOUND;

    private final TwilioFake twilio = TwilioTestResource.server();
    private final SmtpServer smtp = SmtpTestResource.server();

    @Inject
    TestClock clock;
    @ConfigProperty(name = "tocsin.notifier.public-url")
    String publicUrl;

    @Test
    void aProviderThatIsDownHandsThePageToTheNextMethodAtOnce() {
        String sam = unique("sam");
        String phone = smsAndEmail(sam);
        NotifyRequested request = request(sam);
        twilio.failNext(1, 503);

        send(request);

        // The SMS waits for its retry; the email, due in ten minutes, goes now.
        DeliveryFailed failed = EscalationEvents.awaitEvent(DeliveryFailed.class, e -> e.requestId().equals(request.requestId()));
        assertEquals(Channel.SMS, failed.channel());
        Mailbox.awaitOne(smtp, sam + "@example.com");
        assertEquals(0, twilio.messagesTo(phone).size());
    }

    @Test
    void aMessageReportedUndeliveredHandsThePageOnAndOneDeliveredIsPublished() {
        String tess = unique("tess");
        String phone = smsAndEmail(tess);
        NotifyRequested request = request(tess);
        send(request);
        DeliveryQueued emailQueued = EscalationEvents.awaitEvent(DeliveryQueued.class,
                e -> e.requestId().equals(request.requestId()) && e.channel() == Channel.EMAIL);
        assertEquals(request.requestedAt().plus(Duration.ofMinutes(10)), emailQueued.dueAt());
        Created sms = await("the SMS").atMost(BOUND).until(() -> twilio.messagesTo(phone), m -> m.size() == 1).get(0);

        assertEquals(200, twilio.report(sms, "undelivered", publicUrl, base()).status());

        Mailbox.awaitOne(smtp, tess + "@example.com");
        DeliveryFailed undelivered = EscalationEvents.awaitEvent(DeliveryFailed.class, e -> e.requestId().equals(request.requestId()));
        assertEquals("undelivered: SMS undelivered (Twilio error 30003)", undelivered.error());
        given().header("Authorization", VIEWER).queryParam("pageId", request.pageId()).get("/api/v1/deliveries").then()
                .body("findAll { it.channel == 'SMS' }.status", equalTo(List.of("UNDELIVERED")));

        // Another person's SMS arrives: confirmed, published, nothing brought forward.
        String uma = unique("uma");
        String umaPhone = smsAndEmail(uma);
        NotifyRequested other = request(uma);
        send(other);
        Created delivered = await("uma's SMS").atMost(BOUND).until(() -> twilio.messagesTo(umaPhone), m -> m.size() == 1)
                .get(0);
        twilio.report(delivered, "sent", publicUrl, base());
        twilio.report(delivered, "delivered", publicUrl, base());
        assertEquals(Channel.SMS, EscalationEvents.awaitEvent(DeliveryDelivered.class,
                e -> e.requestId().equals(other.requestId())).channel());
        assertTrue(Mailbox.to(smtp, uma + "@example.com").isEmpty());
        // Unsigned: refused.
        assertEquals(403, twilio.sendSmsSignedAs(base() + "/webhooks/twilio/status?delivery=x", umaPhone, "x", null)
                .status());
    }

    @Test
    void aSlowProviderDelaysNobodyElsesPage() {
        String vera = unique("vera");
        String phone = smsAndEmail(vera);
        String walt = unique("walt");
        putEmail(walt, "work", walt + "@example.com").statusCode(201);
        twilio.slowDown(Duration.ofSeconds(15));
        try {
            send(request(vera));
            send(request(walt));
            // Walt's email arrives while Twilio still holds Vera's SMS.
            Mailbox.awaitOne(smtp, walt + "@example.com");
            assertEquals(0, twilio.messagesTo(phone).size(), "the SMS was still on its way");
        } finally {
            twilio.slowDown(Duration.ZERO);
        }
        await("the slow SMS, in the end").atMost(BOUND).until(() -> twilio.messagesTo(phone).size() == 1);
    }

    /** SMS at once, email ten minutes later; returns the phone number. */
    private static String smsAndEmail(String user) {
        person(user);
        String phone = Api.phone();
        put("/api/v1/users/" + user + "/contact-methods/mobile", "{\"type\":\"SMS\",\"address\":\"" + phone + "\"}")
                .statusCode(201);
        putEmail(user, "work", user + "@example.com").statusCode(201);
        put("/api/v1/users/" + user + "/notification-rules", "{\"rules\":[{\"contactMethod\":\"mobile\",\"delay\":\"PT0S\"},"
                + "{\"contactMethod\":\"work\",\"delay\":\"PT10M\"}]}").statusCode(200);
        return phone;
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    private NotifyRequested request(String userId) {
        return new NotifyRequested(unique("req"), unique("page"), unique("alert"), userId, 1, "checkout",
                "Checkout error rate 12%", "critical", Map.of(), clock.instant());
    }

    private void send(IntegrationEvent event) {
        EscalationEvents.send(event, clock.instant());
    }
}
