package dev.tocsin.events.page;

import dev.tocsin.events.IntegrationEvent;

/** Commands to escalation-service on {@code tocsin.page-commands}, keyed by alert id. */
public sealed interface PageCommand extends IntegrationEvent permits AcknowledgePage {
}
