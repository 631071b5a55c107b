package dev.tocsin.notifier;

import static dev.tocsin.notifier.Api.person;
import static dev.tocsin.notifier.Api.put;
import static dev.tocsin.notifier.Api.putEmail;
import static dev.tocsin.notifier.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.eventing.DeadlineEngine;
import dev.tocsin.events.delivery.Channel;
import dev.tocsin.events.delivery.DeliveryFailed;
import dev.tocsin.events.delivery.DeliverySent;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.testing.SmtpServer;
import dev.tocsin.testing.SmtpTestResource;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.fakes.FcmFake;
import dev.tocsin.testing.fakes.FcmTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;


/**
 * Push through Firebase Cloud Messaging's HTTP v1 API, against a local FCM that checks the
 * service account's signed assertion at its token endpoint and every {@code messages:send} as FCM
 * does: a page reaches the device at high priority with its acknowledge link; the access token is
 * exchanged once and reused; a revoked token is exchanged again and the push still arrives once; an
 * uninstalled app (404 UNREGISTERED) hands the page to the person's next method at once.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FcmTestResource.class, restrictToAnnotatedClass = false)
class FcmIT {

    private final FcmFake fcm = FcmTestResource.server();
    private final SmtpServer smtp = SmtpTestResource.server();

    @Inject
    TestClock clock;
    @Inject
    DeadlineEngine engine;
    @ConfigProperty(name = "tocsin.notifier.public-url")
    String publicUrl;

    @Test
    void aPageReachesTheDeviceAtHighPriorityWithItsAcknowledgeLink() {
        String hana = unique("hana");
        String device = deviceToken();
        person(hana);
        put("/api/v1/users/" + hana + "/contact-methods/phone", push("fcm:" + device)).statusCode(201)
                .body("verified", equalTo(true));
        put("/api/v1/users/" + hana + "/contact-methods/other", push("fcm:short")).statusCode(400)
                .body("errors[0].field", equalTo("address"))
                .body("errors[0].message", containsString("registration token"));
        NotifyRequested request = request(hana);

        EscalationEvents.send(request, clock.instant());

        JsonNode message = await("the push").atMost(EscalationEvents.BOUND)
                .until(() -> fcm.sentTo(device), m -> m.size() == 1).get(0);
        assertEquals("[Tocsin] CRITICAL checkout: Checkout error rate 12%", message.path("notification").path("title")
                .asText());
        assertEquals("HIGH", message.path("android").path("priority").asText());
        assertEquals("10", message.path("apns").path("headers").path("apns-priority").asText());
        assertEquals("TOCSIN_PAGE", message.path("apns").path("payload").path("aps").path("category").asText());
        assertEquals(request.pageId(), message.path("data").path("page_id").asText());
        assertTrue(message.path("data").path("acknowledge_url").asText().startsWith(publicUrl + "/actions/"),
                message.toString());
        assertEquals(Channel.PUSH, EscalationEvents.awaitEvent(DeliverySent.class,
                e -> e.requestId().equals(request.requestId())).channel());

        // The next page reuses the access token. (It comes after the storm bundle's window, so it is
        // a push of its own: StormBundleIT.)
        clock.advance(Duration.ofSeconds(30));
        int exchanged = fcm.tokensIssued();
        NotifyRequested next = request(hana);
        EscalationEvents.send(next, clock.instant());
        await("the second push").atMost(EscalationEvents.BOUND).until(() -> fcm.sentTo(device).size() == 2);
        assertEquals(exchanged, fcm.tokensIssued());
    }

    @Test
    void aRevokedAccessTokenIsExchangedAgainAndThePushArrivesOnce() {
        String ines = unique("ines");
        String device = deviceToken();
        person(ines);
        put("/api/v1/users/" + ines + "/contact-methods/phone", push("fcm:" + device)).statusCode(201);
        NotifyRequested first = request(ines);
        EscalationEvents.send(first, clock.instant());
        EscalationEvents.awaitEvent(DeliverySent.class, e -> e.requestId().equals(first.requestId()));
        fcm.revokeAccessTokens();
        clock.advance(Duration.ofSeconds(30));
        int exchanged = fcm.tokensIssued();
        NotifyRequested request = request(ines);

        EscalationEvents.send(request, clock.instant());

        DeliveryFailed refused = EscalationEvents.awaitEvent(DeliveryFailed.class,
                e -> e.requestId().equals(request.requestId()));
        assertTrue(refused.error().startsWith("FCM refused the access token"), refused.error());
        assertEquals(clock.instant().plus(Duration.ofSeconds(30)), refused.nextAttemptAt());
        clock.advance(Duration.ofSeconds(30));
        engine.wake();
        DeliverySent sent = EscalationEvents.awaitEvent(DeliverySent.class, e -> e.requestId().equals(request.requestId()));
        assertEquals(2, sent.attempt());
        assertEquals(exchanged + 1, fcm.tokensIssued());
        assertEquals(2, fcm.sentTo(device).size());
    }

    @Test
    void anUninstalledAppHandsThePageToTheNextMethodAtOnce() {
        String jon = unique("jon");
        String device = deviceToken();
        person(jon);
        put("/api/v1/users/" + jon + "/contact-methods/phone", push("fcm:" + device)).statusCode(201);
        putEmail(jon, "work", jon + "@example.com").statusCode(201);
        put("/api/v1/users/" + jon + "/notification-rules", "{\"rules\":[{\"contactMethod\":\"phone\",\"delay\":\"PT0S\"},"
                + "{\"contactMethod\":\"work\",\"delay\":\"PT10M\"}]}").statusCode(200);
        fcm.unregister(device);
        NotifyRequested request = request(jon);

        EscalationEvents.send(request, clock.instant());

        DeliveryFailed failed = EscalationEvents.awaitEvent(DeliveryFailed.class, e -> e.requestId().equals(request.requestId()));
        assertEquals(Channel.PUSH, failed.channel());
        assertTrue(failed.error().contains("FCM answered 404"), failed.error());
        assertTrue(failed.error().contains("UNREGISTERED"), failed.error());
        // Permanent: no retry; the email, due in ten minutes, goes now (the clock never moved).
        assertEquals(null, failed.nextAttemptAt());
        Mailbox.awaitOne(smtp, jon + "@example.com");
    }

    private static String deviceToken() {
        return "d" + UUID.randomUUID().toString().replace("-", "") + ":APA91b" + UUID.randomUUID().toString()
                .replace("-", "");
    }

    private static String push(String address) {
        return "{\"type\":\"PUSH\",\"address\":\"" + address + "\"}";
    }

    private NotifyRequested request(String userId) {
        return new NotifyRequested(unique("req"), unique("page"), unique("alert"), userId, 1, "checkout",
                "Checkout error rate 12%", "critical", Map.of("alertname", "HighErrorRate"), clock.instant());
    }
}
