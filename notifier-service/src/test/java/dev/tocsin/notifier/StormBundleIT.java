package dev.tocsin.notifier;

import static dev.tocsin.notifier.Api.ADMIN;
import static dev.tocsin.notifier.Api.person;
import static dev.tocsin.notifier.Api.put;
import static dev.tocsin.notifier.Api.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.eventing.DeadlineEngine;
import dev.tocsin.events.delivery.DeliverySent;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.events.page.PageAcknowledged;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.testing.SmtpTestResource;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.fakes.TwilioFake;
import dev.tocsin.testing.fakes.TwilioTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * During a storm one SMS tells of several pages: a page's message opens a 30 s window on that
 * number, the pages falling due inside it (five at once included: one goes, four wait) wait for its
 * end and then go as one message, each with its reply code, and a page acknowledged meanwhile is
 * left out. A held page whose bundle never
 * comes is sent alone one window later.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TwilioTestResource.class, restrictToAnnotatedClass = false)
class StormBundleIT {

    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final Pattern CODE = Pattern.compile(" (\\d{1,2}) CRITICAL ");

    private final TwilioFake twilio = TwilioTestResource.server();

    @Inject
    TestClock clock;
    @Inject
    DeadlineEngine engine;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void pagesFallingDueInTheWindowGoAsOneMessageWithoutThoseAcknowledgedMeanwhile() {
        String bea = unique("bea");
        String phone = phoneOf(bea);
        EscalationEvents.send(request(bea, unique("page"), "checkout", "Checkout error rate 12%"), clock.instant());
        await("the first page's SMS, at once").atMost(EscalationEvents.BOUND)
                .until(() -> twilio.messagesTo(phone).size() == 1);

        NotifyRequested second = request(bea, unique("page"), "checkout", "Checkout latency p99 4s");
        NotifyRequested acknowledged = request(bea, unique("page"), "checkout", "Cart service down");
        NotifyRequested third = request(bea, unique("page"), "payments", "Payment errors above 2%");
        for (NotifyRequested request : new NotifyRequested[] {second, acknowledged, third}) {
            EscalationEvents.send(request, clock.instant());
            awaitStatus(request.pageId(), "HELD");
        }
        EscalationEvents.send(new PageOpened(acknowledged.pageId(), acknowledged.alertId(), "checkout", "default",
                acknowledged.summary(), clock.instant()), clock.instant());
        EscalationEvents.send(new PageAcknowledged(acknowledged.pageId(), acknowledged.alertId(), "cal", "web",
                clock.instant()), clock.instant());
        awaitStatus(acknowledged.pageId(), "CANCELLED");
        assertEquals(1, twilio.messagesTo(phone).size());

        clock.advance(WINDOW);
        engine.wake();
        String sms = await("the storm's one SMS").atMost(EscalationEvents.BOUND)
                .until(() -> twilio.messagesTo(phone), m -> m.size() == 2).get(1).body();
        // Oldest request first; these two came in the same instant of the test's clock.
        assertTrue(sms.startsWith("[Tocsin] 2 pages for checkout, payments: ")
                || sms.startsWith("[Tocsin] 2 pages for payments, checkout: "), sms);
        assertTrue(sms.contains("Checkout latency p99 4s") && sms.contains("Payment errors above 2%"), sms);
        assertTrue(!sms.contains("Cart service down"), sms);
        Matcher codes = CODE.matcher(sms);
        assertTrue(codes.find() && codes.find(), "a reply code before each page: " + sms);
        for (NotifyRequested request : new NotifyRequested[] {second, third}) {
            EscalationEvents.awaitEvent(DeliverySent.class, e -> e.requestId().equals(request.requestId()));
            awaitStatus(request.pageId(), "SENT");
        }
        assertEquals(2, twilio.messagesTo(phone).size());
    }

    @Test
    void fivePagesAtOnceAreOneMessageAtOnceAndOneForTheOtherFourAtTheWindowsEnd() {
        String eve = unique("eve");
        String phone = phoneOf(eve);
        List<NotifyRequested> storm = IntStream.rangeClosed(1, 5).mapToObj(i -> request(eve, unique("page"),
                "checkout", "Checkout pod " + i + " crash looping")).toList();
        // All five in one go, so their first attempts fall due together and fire side by side.
        storm.forEach(request -> EscalationEvents.send(request, clock.instant()));
        await("one page sent, four held").atMost(EscalationEvents.BOUND).untilAsserted(() -> assertEquals(
                List.of("HELD", "HELD", "HELD", "HELD", "SENT"), storm.stream().map(r -> status(r.pageId())).sorted()
                        .toList()));
        assertEquals(1, twilio.messagesTo(phone).size());

        clock.advance(WINDOW);
        engine.wake();
        String sms = await("the storm's second SMS").atMost(EscalationEvents.BOUND)
                .until(() -> twilio.messagesTo(phone), m -> m.size() == 2).get(1).body();
        assertTrue(sms.startsWith("[Tocsin] 4 pages for checkout: "), sms);
        storm.forEach(request -> EscalationEvents.awaitEvent(DeliverySent.class,
                e -> e.requestId().equals(request.requestId())));
        assertEquals(2, twilio.messagesTo(phone).size());
    }

    @Test
    void aHeldPageWhoseBundleNeverComesIsSentAloneAWindowLater() throws Exception {
        String dev = unique("dev");
        String phone = phoneOf(dev);
        EscalationEvents.send(request(dev, unique("page"), "checkout", "Checkout error rate 12%"), clock.instant());
        await("the first page's SMS").atMost(EscalationEvents.BOUND).until(() -> twilio.messagesTo(phone).size() == 1);
        NotifyRequested held = request(dev, unique("page"), "search", "Search index stale");
        EscalationEvents.send(held, clock.instant());
        awaitStatus(held.pageId(), "HELD");
        // As if the process died with the bundle's deadline lost.
        try (Connection connection = dataSource.getConnection(); PreparedStatement delete = connection
                .prepareStatement("delete from deadlines where kind = 'delivery.bundle' and ref like ?")) {
            delete.setString(1, dev + "|%");
            assertEquals(1, delete.executeUpdate());
        }

        clock.advance(WINDOW.multipliedBy(2));
        engine.wake();
        EscalationEvents.awaitEvent(DeliverySent.class, e -> e.requestId().equals(held.requestId()));
        String sms = twilio.messagesTo(phone).get(1).body();
        assertTrue(sms.startsWith("[Tocsin] CRITICAL search: Search index stale"), sms);
        assertEquals(2, twilio.messagesTo(phone).size());
    }

    private String phoneOf(String user) {
        person(user);
        String phone = Api.phone();
        put("/api/v1/users/" + user + "/contact-methods/mobile", "{\"type\":\"SMS\",\"address\":\"" + phone + "\"}")
                .statusCode(201);
        return phone;
    }

    private static String status(String pageId) {
        List<String> statuses = given().header("Authorization", ADMIN).queryParam("pageId", pageId)
                .get("/api/v1/deliveries").then().statusCode(200).extract().path("status");
        return statuses.isEmpty() ? "none" : statuses.get(0);
    }

    private static void awaitStatus(String pageId, String status) {
        await("the delivery of " + pageId + " " + status).atMost(EscalationEvents.BOUND).untilAsserted(() -> given()
                .header("Authorization", ADMIN).queryParam("pageId", pageId).get("/api/v1/deliveries").then()
                .statusCode(200).body("status", equalTo(List.of(status))));
    }

    private NotifyRequested request(String userId, String pageId, String service, String summary) {
        return new NotifyRequested(unique("req"), pageId, unique("alert"), userId, 1, service, summary, "critical",
                Map.of(), clock.instant());
    }
}
