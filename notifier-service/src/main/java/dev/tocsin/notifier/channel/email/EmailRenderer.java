package dev.tocsin.notifier.channel.email;

import dev.tocsin.notifier.action.PageAction;
import dev.tocsin.eventing.change.RecentChanges.RecentChange;
import dev.tocsin.notifier.channel.Notification;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the email a person gets for a page. The subject alone must tell someone woken at night
 * how bad it is and where (severity, service, summary); the body adds every label and the ids a
 * responder quotes to Tocsin. Pure, so it is unit tested.
 */
public final class EmailRenderer {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** Long enough for any sensible summary, short enough for every mail client's list view. */
    static final int MAX_SUBJECT = 200;

    private EmailRenderer() {
    }

    public static RenderedEmail render(Notification n) {
        return render(n, Map.of());
    }

    /** With a signed link for each action ({@code ActionLinks}); none when links are off. */
    public static RenderedEmail render(Notification n, Map<PageAction, String> links) {
        return render(n, links, List.of());
    }

    /**
     * With the signed links and the service's recent changes, newest first, after the page's
     * fields: the last change is where troubleshooting starts (SRE book ch. 12).
     */
    public static RenderedEmail render(Notification n, Map<PageAction, String> links, List<RecentChange> changes) {
        StringBuilder text = new StringBuilder(text(n));
        StringBuilder html = new StringBuilder(html(n));
        if (!changes.isEmpty()) {
            StringBuilder lines = new StringBuilder("\nRecent changes to " + orDash(n.service()) + ":\n");
            StringBuilder items = new StringBuilder("<h3>Recent changes to " + escape(orDash(n.service()))
                    + "</h3>\n<ul>\n");
            for (RecentChange change : changes) {
                String when = WHEN.format(change.at());
                String by = blank(change.source()) ? "" : " (" + change.source() + ")";
                lines.append("  ").append(when).append("  ").append(oneLine(change.summary())).append(by);
                items.append("<li>").append(escape(when)).append(" ").append(escape(change.summary()))
                        .append(escape(by));
                if (change.link() != null) {
                    lines.append("  ").append(change.link());
                    items.append(" <a href=\"").append(escape(change.link())).append("\">details</a>");
                }
                lines.append('\n');
                items.append("</li>\n");
            }
            text.insert(text.indexOf("\nLabels:\n"), lines);
            html.insert(html.indexOf("<h3>Labels</h3>"), items.append("</ul>\n"));
        }
        if (!links.isEmpty()) {
            text.append('\n');
            links.forEach((action, url) -> text.append(action.label()).append(": ").append(url).append('\n'));
            StringBuilder buttons = new StringBuilder("<p>");
            links.forEach((action, url) -> buttons.append("<a href=\"").append(escape(url)).append("\">")
                    .append(escape(action.label())).append("</a> "));
            html.insert(html.lastIndexOf("</body>"), buttons.toString().strip() + "</p>\n");
        }
        return new RenderedEmail(subject(n), text.toString(), html.toString());
    }

    public static String subject(Notification n) {
        StringBuilder subject = new StringBuilder("[Tocsin]");
        if (!blank(n.severity())) {
            subject.append(' ').append(n.severity().toUpperCase(Locale.ROOT));
        }
        subject.append(' ').append(blank(n.service()) ? "unknown service" : n.service()).append(": ").append(summary(n));
        // A line break in a header would end it; alert text comes from outside.
        String line = oneLine(subject.toString());
        return line.length() <= MAX_SUBJECT ? line : line.substring(0, MAX_SUBJECT - 1) + "…";
    }

    public static String text(Notification n) {
        StringBuilder body = new StringBuilder();
        body.append(summary(n)).append("\n\n");
        body.append("Service:  ").append(orDash(n.service())).append('\n');
        body.append("Severity: ").append(orDash(n.severity())).append('\n');
        if (!blank(n.urgencyReason())) {
            body.append("Why:      ").append(n.urgencyReason()).append('\n');
        }
        body.append("Page:     ").append(n.pageId()).append('\n');
        body.append("Alert:    ").append(orDash(n.alertId())).append('\n');
        body.append("Step:     ").append(n.step()).append('\n');
        body.append("\nLabels:\n");
        if (n.labels().isEmpty()) {
            body.append("  (none)\n");
        }
        for (Map.Entry<String, String> label : n.labels().entrySet()) {
            body.append("  ").append(label.getKey()).append(" = ").append(label.getValue()).append('\n');
        }
        body.append("\nYou get this because ").append(because(n)).append(".\n");
        return body.toString();
    }

    static String html(Notification n) {
        StringBuilder html = new StringBuilder("<html><body>\n");
        html.append("<h2>").append(escape(summary(n))).append("</h2>\n<table>\n");
        row(html, "Service", orDash(n.service()));
        row(html, "Severity", orDash(n.severity()));
        if (!blank(n.urgencyReason())) {
            row(html, "Why", n.urgencyReason());
        }
        row(html, "Page", n.pageId());
        row(html, "Alert", orDash(n.alertId()));
        row(html, "Step", Integer.toString(n.step()));
        html.append("</table>\n<h3>Labels</h3>\n<table>\n");
        n.labels().forEach((key, value) -> row(html, key, value));
        html.append("</table>\n<p>You get this because ").append(escape(because(n))).append(".</p>\n</body></html>\n");
        return html.toString();
    }

    /** Why the person is told: the request's own reason, else being on call for the step. */
    private static String because(Notification n) {
        return blank(n.reason()) ? "you are on call for " + orDash(n.service()) + " (escalation step " + n.step() + ")"
                : n.reason();
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th align=\"left\">").append(escape(name)).append("</th><td>").append(escape(value))
                .append("</td></tr>\n");
    }

    private static String summary(Notification n) {
        if (!blank(n.summary())) {
            return n.summary();
        }
        String alertname = n.labels().get("alertname");
        return blank(alertname) ? "alert " + orDash(n.alertId()) : alertname;
    }

    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String oneLine(String value) {
        return value.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    private static String orDash(String value) {
        return blank(value) ? "-" : value;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
