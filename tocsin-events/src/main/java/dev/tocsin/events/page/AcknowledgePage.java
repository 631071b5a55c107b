package dev.tocsin.events.page;

import java.time.Instant;

/**
 * A command on {@code tocsin.page-commands}: someone acknowledged the page of an alert, so its
 * escalation must stop. Keyed by alert id, because a page belongs to exactly one alert and the
 * sender (a monitoring system acknowledging at the source) may know only the alert.
 *
 * @param pageId the page, when the sender knows it; null otherwise
 * @param by who acknowledged, as the sender names them
 * @param via where the acknowledgement came from, e.g. {@code pagerduty-events-v2}
 */
public record AcknowledgePage(String alertId, String pageId, String by, String via, Instant at)
        implements PageCommand {

    @Override
    public String aggregateId() {
        return alertId;
    }
}
