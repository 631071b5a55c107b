package dev.tocsin.events.page;

import java.time.Instant;

/**
 * A command on {@code tocsin.page-commands}: stop the page's escalation until {@code until}, then
 * notify the current step's people again if the alert still fires.
 *
 * @param pageId the page, when the sender knows it; null otherwise
 */
public record SnoozePage(String alertId, String pageId, Instant until, String by, String via, Instant at)
        implements PageCommand {

    @Override
    public String aggregateId() {
        return alertId;
    }
}
