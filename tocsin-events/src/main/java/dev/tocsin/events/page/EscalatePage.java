package dev.tocsin.events.page;

import java.time.Instant;

/**
 * A command on {@code tocsin.page-commands}: move the page to the next step of its policy now,
 * without waiting for the step's deadline.
 *
 * @param pageId the page, when the sender knows it; null otherwise
 */
public record EscalatePage(String alertId, String pageId, String by, String via, Instant at) implements PageCommand {

    @Override
    public String aggregateId() {
        return alertId;
    }
}
