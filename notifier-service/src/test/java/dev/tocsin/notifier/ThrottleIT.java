package dev.tocsin.notifier;

import static dev.tocsin.notifier.Api.ADMIN;
import static dev.tocsin.notifier.Api.person;
import static dev.tocsin.notifier.Api.put;
import static dev.tocsin.notifier.Api.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.testing.SmtpTestResource;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.fakes.TwilioFake;
import dev.tocsin.testing.fakes.TwilioTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One number takes at most five SMS in fifteen minutes, but never at the cost of a new page: six
 * pages in a row each reach the person, and only a repeat about a page they already heard of is
 * held back, recorded with the reason.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TwilioTestResource.class, restrictToAnnotatedClass = false)
class ThrottleIT {

    private final TwilioFake twilio = TwilioTestResource.server();

    @Inject
    TestClock clock;

    @Test
    void aStormsRepeatsAreHeldBackButEveryNewPageIsSent() {
        String dora = unique("dora");
        person(dora);
        String phone = Api.phone();
        put("/api/v1/users/" + dora + "/contact-methods/mobile", "{\"type\":\"SMS\",\"address\":\"" + phone + "\"}")
                .statusCode(201);
        String first = unique("page");
        EscalationEvents.send(request(dora, first), clock.instant());
        await("the first SMS").atMost(EscalationEvents.BOUND).until(() -> twilio.messagesTo(phone).size() == 1);
        for (int i = 2; i <= 6; i++) {
            // Past the storm bundle's window, so each page is a message of its own (StormBundleIT).
            clock.advance(Duration.ofSeconds(30));
            EscalationEvents.send(request(dora, unique("page")), clock.instant());
            int sent = i;
            await("SMS " + i).atMost(EscalationEvents.BOUND).until(() -> twilio.messagesTo(phone).size() == sent);
        }

        // Six in the window already, and she has heard of the first page: its repeat is held back.
        clock.advance(Duration.ofSeconds(30));
        EscalationEvents.send(request(dora, first), clock.instant());
        await("the repeat held back").atMost(EscalationEvents.BOUND).untilAsserted(() -> given()
                .header("Authorization", ADMIN).queryParam("pageId", first).get("/api/v1/deliveries").then()
                .statusCode(200).body("status", containsInAnyOrder("CANCELLED", "SENT"))
                .body("find { it.status == 'CANCELLED' }.cancelReason",
                        startsWith("throttled: 6 SMS to this number in 15 min")));
        assertEquals(6, twilio.messagesTo(phone).size());
    }

    private NotifyRequested request(String userId, String pageId) {
        return new NotifyRequested(unique("req"), pageId, unique("alert"), userId, 1, "checkout",
                "Checkout error rate 12%", "critical", Map.of(), clock.instant());
    }
}
