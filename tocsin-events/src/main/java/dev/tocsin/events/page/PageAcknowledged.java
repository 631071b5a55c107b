package dev.tocsin.events.page;

import java.time.Instant;

/**
 * Someone acknowledged the page: its escalation stopped, nobody further is notified for it.
 *
 * @param by who acknowledged, as the command named them
 * @param via where the acknowledgement came from, e.g. {@code pagerduty-events-v2}
 */
public record PageAcknowledged(String pageId, String alertId, String by, String via, Instant acknowledgedAt)
        implements PageEvent {
}
