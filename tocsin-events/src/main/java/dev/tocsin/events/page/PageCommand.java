package dev.tocsin.events.page;

import dev.tocsin.events.IntegrationEvent;

/**
 * Commands to escalation-service on {@code tocsin.page-commands}, keyed by alert id; a sealed
 * family, so a new command that escalation-service does not handle does not compile.
 */
public sealed interface PageCommand extends IntegrationEvent permits AcknowledgePage, ResolvePage, SnoozePage, ReassignPage,
        EscalatePage {

    String alertId();

    /** The page, when the sender knows it; null otherwise. */
    String pageId();

    /** Who sent the command, as the sender names them. */
    String by();

    /** Where the command came from, e.g. {@code pagerduty-events-v2}. */
    String via();

}
