package dev.tocsin.events.change;

import dev.tocsin.events.IntegrationEvent;

/** Changes to services reported by tools, published on {@code tocsin.changes}, keyed by change id. */
public sealed interface ChangeEvent extends IntegrationEvent permits ChangeReceived {
}
