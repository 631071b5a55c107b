package dev.tocsin.notifier.channel.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.notifier.channel.Bundle;
import dev.tocsin.notifier.channel.Notification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A storm's one SMS: each page after its reply code, as many as two segments hold, and how to reply. */
class SmsTextTest {

    private static final Instant AT = Instant.parse("2026-03-01T03:00:00Z");

    @Test
    void aStormsSmsListsEachPageAfterItsReplyCode() {
        String text = SmsChannel.text(new Bundle(List.of(page(1, "checkout", "Checkout error rate 12%"),
                page(2, "checkout", "Checkout latency p99 4s"), page(3, "payments", "Payment errors above 2%"))),
                List.of(12, 13, 14));

        assertEquals("[Tocsin] 3 pages for checkout, payments: 12 CRITICAL checkout: Checkout error rate 12%;"
                + " 13 CRITICAL checkout: Checkout latency p99 4s; 14 CRITICAL payments: Payment errors above 2%;"
                + " Reply 12a to acknowledge, 12c to resolve, 12e to escalate.", text);
    }

    @Test
    void aLargeStormNamesWhatFitsAndCountsTheRest() {
        List<Notification> pages = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();
        IntStream.rangeClosed(1, 12).forEach(i -> {
            pages.add(page(i, "checkout", "Checkout pod checkout-" + i + " crash looping in eu-west-1, restarts above 5"));
            codes.add(i);
        });

        String text = SmsChannel.text(new Bundle(pages), codes);

        assertTrue(text.length() <= SmsChannel.MAX_TEXT, text.length() + ": " + text);
        assertTrue(text.startsWith("[Tocsin] 12 pages for checkout: 1 CRITICAL checkout: "), text);
        assertTrue(text.matches(".*; \\+\\d+ more; Reply 1a to acknowledge, 1c to resolve, 1e to escalate\\."), text);
    }

    private static Notification page(int n, String service, String summary) {
        return new Notification("req-" + n, "page-" + n, "alert-" + n, "alice", 1, service, summary, "critical",
                Map.of(), AT);
    }
}
