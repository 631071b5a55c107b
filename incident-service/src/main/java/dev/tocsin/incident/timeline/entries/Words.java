package dev.tocsin.incident.timeline.entries;

import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.delivery.Channel;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Shared phrasing of timeline texts, so every entry names things the same way. */
final class Words {

    private Words() {
    }

    /** How a channel reads at the start of a sentence: "Email sent to …". */
    static String channel(Channel channel) {
        if (channel == null) {
            return "Message";
        }
        return switch (channel) {
            case EMAIL -> "Email";
            case SMS -> "SMS";
            case VOICE -> "Voice call";
            case PUSH -> "Push notification";
            case SLACK -> "Slack message";
            case TEAMS -> "Teams message";
            case MATTERMOST -> "Mattermost message";
        };
    }

    /** What alert-ingest decided to do about an alert. */
    static String urgency(Urgency urgency) {
        if (urgency == null) {
            return "urgency unknown";
        }
        return switch (urgency) {
            case PAGE -> "paged";
            case TICKET -> "ticket";
            case LOG -> "logged only";
        };
    }

    /** Timeline texts give times to the second, in UTC like every time inside Tocsin. */
    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** "alice", "alice and bob", "alice, bob and carol". */
    static String people(List<String> userIds) {
        if (userIds == null || userIds.isEmpty()) {
            return "nobody";
        }
        if (userIds.size() == 1) {
            return userIds.get(0);
        }
        return String.join(", ", userIds.subList(0, userIds.size() - 1)) + " and " + userIds.get(userIds.size() - 1);
    }

    /**
     * " by alice via pagerduty-events-v2": who took a page and through what, leaving out what the
     * sender did not say (a monitoring system acknowledging at its source may not name anyone).
     */
    static String acknowledger(String by, String via) {
        return (blank(by) ? "" : " by " + by) + (blank(via) ? "" : " via " + via);
    }

    static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
