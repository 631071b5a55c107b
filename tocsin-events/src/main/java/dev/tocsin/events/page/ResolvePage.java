package dev.tocsin.events.page;

import java.time.Instant;

/**
 * A command on {@code tocsin.page-commands}: someone closed the page of an alert (the alert itself
 * stays as its source reports it); nobody further is notified.
 *
 * @param pageId the page, when the sender knows it; null otherwise
 * @param by who resolved, as the sender names them
 * @param via where the command came from
 */
public record ResolvePage(String alertId, String pageId, String by, String via, Instant at) implements PageCommand {

    @Override
    public String aggregateId() {
        return alertId;
    }
}
