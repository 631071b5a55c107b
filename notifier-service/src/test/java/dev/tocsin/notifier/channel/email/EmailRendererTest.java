package dev.tocsin.notifier.channel.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.eventing.change.RecentChanges.RecentChange;
import dev.tocsin.notifier.channel.Notification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailRendererTest {

    static Notification notification(String severity, String summary, Map<String, String> labels) {
        return new Notification("req-7", "page-42", "alert-9", "alice", 1, "checkout", summary, severity, labels,
                Instant.parse("2026-03-01T03:00:00Z"));
    }

    static final Notification CHECKOUT = notification("critical", "Checkout error rate 12%",
            Map.of("alertname", "HighErrorRate", "service", "checkout", "region", "eu-west-1"));

    @Test
    void subjectSaysHowBadWhereAndWhat() {
        // Read on a lock screen at night: severity, service and summary must fit in the first line.
        assertEquals("[Tocsin] CRITICAL checkout: Checkout error rate 12%", EmailRenderer.render(CHECKOUT).subject());
    }

    @Test
    void textBodyCarriesSummaryServiceSeverityEveryLabelAndTheIds() {
        String text = EmailRenderer.render(CHECKOUT).text();

        assertTrue(text.startsWith("Checkout error rate 12%\n"), text);
        assertTrue(text.contains("Service:  checkout\n"), text);
        assertTrue(text.contains("Severity: critical\n"), text);
        assertTrue(text.contains("Page:     page-42\n"), text);
        assertTrue(text.contains("Alert:    alert-9\n"), text);
        // Labels sorted by name, so the same alert always reads the same.
        assertTrue(text.contains("  alertname = HighErrorRate\n  region = eu-west-1\n  service = checkout\n"), text);
    }

    @Test
    void theServicesRecentChangesComeBeforeTheLabelsNewestFirst() {
        List<RecentChange> changes = List.of(
                new RecentChange("checkout", "Deploy checkout v2.3.1", "github-actions", Instant.parse("2026-03-01T02:55:00Z"),
                        "https://ci.example.com/runs/7"),
                new RecentChange("checkout", "Feature flag <fast-cart> on", null, Instant.parse("2026-02-28T21:10:00Z"), null));

        RenderedEmail email = EmailRenderer.render(CHECKOUT, Map.of(), changes);

        assertTrue(email.text().contains("\nRecent changes to checkout:\n"
                + "  2026-03-01 02:55 UTC  Deploy checkout v2.3.1 (github-actions)  https://ci.example.com/runs/7\n"
                + "  2026-02-28 21:10 UTC  Feature flag <fast-cart> on\n\nLabels:\n"), email.text());
        assertTrue(email.html().contains("<h3>Recent changes to checkout</h3>\n<ul>\n<li>2026-03-01 02:55 UTC Deploy "
                + "checkout v2.3.1 (github-actions) <a href=\"https://ci.example.com/runs/7\">details</a></li>\n"
                + "<li>2026-02-28 21:10 UTC Feature flag &lt;fast-cart&gt; on</li>\n</ul>\n<h3>Labels</h3>"),
                email.html());
        assertFalse(EmailRenderer.render(CHECKOUT).text().contains("Recent changes"));
    }

    @Test
    void theBodySaysWhyThePersonIsTold() {
        assertTrue(EmailRenderer.render(CHECKOUT).text()
                .contains("You get this because you are on call for checkout (escalation step 1).\n"));
        Notification fallback = new Notification("req-8", "page-42", "alert-9", "carol", 2, "checkout",
                "Checkout error rate 12%", "critical", Map.of(), Instant.parse("2026-03-01T03:20:00Z"),
                "nobody acknowledged page page-42 on any step: you are the <fallback> contact");
        assertTrue(EmailRenderer.render(fallback).text().contains("You get this because nobody acknowledged page "
                + "page-42 on any step: you are the <fallback> contact.\n"));
        assertTrue(EmailRenderer.render(fallback).html().contains("you are the &lt;fallback&gt; contact.</p>"));
    }

    @Test
    void theBodySaysWhyTheAlertPagesWhenAlertIngestSaidSo() {
        assertFalse(EmailRenderer.render(CHECKOUT).text().contains("Why:"));
        Notification burning = new Notification("req-9", "page-42", "alert-9", "alice", 1, "checkout",
                "Checkout error rate 12%", "critical", Map.of(), Instant.parse("2026-03-01T03:00:00Z"), null,
                "paged: checkout availability burning 14.4× over 1h ≥ 14.4");
        assertTrue(EmailRenderer.render(burning).text().contains("Severity: critical\nWhy:      paged: checkout "
                + "availability burning 14.4× over 1h ≥ 14.4\n"), EmailRenderer.render(burning).text());
        assertTrue(EmailRenderer.render(burning).html().contains("<th align=\"left\">Why</th><td>paged: checkout "
                + "availability burning 14.4× over 1h ≥ 14.4</td>"));
    }

    @Test
    void htmlPartHasTheSameContentEscaped() {
        // Labels come from whoever posts alerts; they must not become markup in the responder's mail client.
        Notification hostile = notification("warning", "<b>boom</b>", Map.of("note", "<script>alert(1)</script>"));

        String html = EmailRenderer.render(hostile).html();

        assertTrue(html.contains("&lt;b&gt;boom&lt;/b&gt;"), html);
        assertTrue(html.contains("<th align=\"left\">note</th><td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"), html);
        assertFalse(html.contains("<script>"), html);
        assertTrue(EmailRenderer.render(CHECKOUT).html().contains("<td>page-42</td>"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            // No severity label: say nothing rather than "NULL".
            "no severity          | null     | Disk full                | [Tocsin] checkout: Disk full",
            // A header must stay on one line: a newline in the summary would end the Subject header.
            "newline in summary   | warning  | 'Disk full\\r\\nBcc: x@y'  | [Tocsin] WARNING checkout: Disk full Bcc: x@y",
            // Without a summary the alert's name still says what fired.
            "no summary           | critical | null                     | [Tocsin] CRITICAL checkout: HighErrorRate"})
    void subjectEdgeCases(String why, String severity, String summary, String subject) {
        Notification n = notification(severity, summary == null ? null : summary.replace("\\r", "\r").replace("\\n", "\n"),
                Map.of("alertname", "HighErrorRate"));
        assertEquals(subject, EmailRenderer.render(n).subject());
    }

    @Test
    void aHugeSummaryIsCutToOneReadableSubject() {
        Notification n = notification("critical", "x".repeat(5_000), Map.of());
        String subject = EmailRenderer.render(n).subject();
        assertEquals(EmailRenderer.MAX_SUBJECT, subject.length());
        assertTrue(subject.endsWith("…"));
    }
}
