package dev.tocsin.incident.timeline;

import java.time.Instant;

/**
 * One line of a page's timeline, as a responder reads it.
 *
 * @param kind what happened, e.g. {@code page.opened}; also the metric tag
 * @param at when it happened, by the time the producing service gave the event
 * @param alertId the alert it belongs to; null when the event knows only its page (deliveries)
 * @param pageId the page it belongs to; null for alert events, which are joined to pages by alert id
 * @param text what happened, in words
 */
public record TimelineEntry(String kind, Instant at, String alertId, String pageId, String text) {

    public TimelineEntry {
        if (alertId == null && pageId == null) {
            throw new IllegalArgumentException(kind + " entry needs an alert id or a page id");
        }
    }
}
