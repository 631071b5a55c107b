package dev.tocsin.notifier.channel.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.notifier.action.PageAction;
import dev.tocsin.notifier.channel.Bundle;
import dev.tocsin.notifier.channel.Notification;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The FCM message as FCM requires it: string-only data, one notification per page, links only for pages. */
class FcmMessageTest {

    private static final Instant AT = Instant.parse("2026-03-01T03:00:00Z");

    @Test
    void aPageCarriesItsLinksAndCollapsesOnTheDevice() {
        Notification page = new Notification("req-1", "page-42", "alert-9", "alice", 1, "checkout",
                "Checkout error rate 12%", "critical", Map.of("region", "eu-west-1"), AT);

        JsonObject message = FcmPush.message(page, "device-token", Map.of(PageAction.ACKNOWLEDGE,
                "https://tocsin.example.com/actions/x.y"));

        assertEquals("device-token", message.getString("token"));
        JsonObject data = message.getJsonObject("data");
        assertEquals("page-42", data.getString("page_id"));
        assertEquals("https://tocsin.example.com/actions/x.y", data.getString("acknowledge_url"));
        data.forEach(entry -> assertTrue(entry.getValue() instanceof String, entry.getKey()));
        assertEquals("page-42", message.getJsonObject("android").getJsonObject("notification").getString("tag"));
        assertEquals("page-42", message.getJsonObject("apns").getJsonObject("headers").getString("apns-collapse-id"));
        assertEquals("HIGH", message.getJsonObject("android").getString("priority"));
    }

    @Test
    void aStormsMessageListsEachPageWithItsLinkAndReplacesNoSinglePage() {
        Notification first = new Notification("req-1", "page-1", "alert-1", "alice", 1, "checkout",
                "Checkout error rate 12%", "critical", Map.of(), AT);
        Notification second = new Notification("req-2", "page-2", "alert-2", "alice", 1, "payments",
                "Payment errors above 2%", "warning", Map.of(), AT);

        JsonObject message = FcmPush.message(new Bundle(List.of(first, second)), "device-token",
                page -> Map.of(PageAction.ACKNOWLEDGE, "https://tocsin.example.com/actions/" + page.pageId()));

        JsonObject notification = message.getJsonObject("notification");
        assertEquals("[Tocsin] 2 pages for checkout, payments", notification.getString("title"));
        assertEquals("""
                CRITICAL checkout: Checkout error rate 12%
                  Acknowledge: https://tocsin.example.com/actions/page-1
                WARNING payments: Payment errors above 2%
                  Acknowledge: https://tocsin.example.com/actions/page-2""", notification.getString("body"));
        assertEquals("page-1,page-2", message.getJsonObject("data").getString("page_ids"));
        assertFalse(message.getJsonObject("data").containsKey("page_id"));
        assertFalse(message.getJsonObject("android").getJsonObject("notification").containsKey("tag"));
        assertFalse(message.getJsonObject("apns").getJsonObject("headers").containsKey("apns-collapse-id"));
    }

    @Test
    void aNoticeAboutNoPageNamesNoPageAndCollapsesNothing() {
        Notification code = new Notification("verify/alice/phone/1", "verify/alice/phone", null, "alice", 0, "tocsin",
                "Your Tocsin code for contact method phone is 123456", "info", Map.of(), AT, "verifying a contact method");

        JsonObject message = FcmPush.message(code, "device-token", Map.of());

        assertFalse(message.getJsonObject("data").containsKey("page_id"));
        assertFalse(message.getJsonObject("android").getJsonObject("notification").containsKey("tag"));
        assertFalse(message.getJsonObject("apns").getJsonObject("headers").containsKey("apns-collapse-id"));
    }
}
