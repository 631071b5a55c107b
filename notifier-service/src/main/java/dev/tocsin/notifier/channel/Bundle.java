package dev.tocsin.notifier.channel;

import dev.tocsin.notifier.action.PageAction;
import dev.tocsin.notifier.channel.email.EmailRenderer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One message about several of a person's pages, sent during a storm instead of one per page:
 * "[Tocsin] 4 pages for checkout, payments", then one line per page, oldest first.
 */
public record Bundle(List<Notification> pages) {

    private static final int MAX_SERVICES = 3;

    public Bundle {
        if (pages.size() < 2) {
            throw new IllegalArgumentException("a bundle tells of two pages or more, not " + pages.size());
        }
        pages = List.copyOf(pages);
    }

    /** "[Tocsin] 4 pages for checkout, payments" (three services at most, then "and N more"). */
    public String title() {
        Set<String> services = new LinkedHashSet<>();
        pages.forEach(page -> services.add(page.service() == null || page.service().isBlank() ? "unknown service"
                : page.service()));
        List<String> named = services.stream().limit(MAX_SERVICES).toList();
        String more = services.size() > MAX_SERVICES ? " and " + (services.size() - MAX_SERVICES) + " more" : "";
        return "[Tocsin] " + pages.size() + " pages for " + String.join(", ", named) + more;
    }

    /**
     * The pages one per line, each followed by its signed acknowledge link when it has one: the
     * body of a push, where the buttons of a single page's message would not say which page.
     */
    public String text(Function<Notification, Map<PageAction, String>> links) {
        StringBuilder text = new StringBuilder();
        for (Notification page : pages) {
            text.append(line(page)).append('\n');
            String acknowledge = links.apply(page).get(PageAction.ACKNOWLEDGE);
            if (acknowledge != null) {
                text.append("  Acknowledge: ").append(acknowledge).append('\n');
            }
        }
        return text.toString().strip();
    }

    /** One page's line: its severity, service and summary ("CRITICAL checkout: Error rate 12%"). */
    public static String line(Notification page) {
        String subject = EmailRenderer.subject(page);
        return subject.startsWith("[Tocsin] ") ? subject.substring("[Tocsin] ".length()) : subject;
    }
}
