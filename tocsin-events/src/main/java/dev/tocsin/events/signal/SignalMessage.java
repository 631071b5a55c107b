package dev.tocsin.events.signal;

import dev.tocsin.events.IntegrationEvent;

/**
 * What travels on alert-ingest's own {@code tocsin.alert-signals}: the signals it accepted and the
 * commands it sends itself, keyed alike so every change to one alert is decided in order.
 */
public sealed interface SignalMessage extends IntegrationEvent permits AlertSignalReceived, ReleaseAlert {
}
