package dev.tocsin.events.signal;

import dev.tocsin.events.IntegrationEvent;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One normalized signal from a monitoring system, as alert-ingest accepted it. Internal to
 * alert-ingest: it is written to Kafka before the HTTP 202 so that an accepted alert survives a
 * crash, and the ingest pipeline decides on it afterwards. Keyed by dedup key so every signal of
 * one alert is decided in order.
 *
 * @param endsAt when the source says the alert ended; null while it fires
 * @param source the wire format it arrived in, e.g. {@code alertmanager-v2}
 */
public record AlertSignalReceived(
        UUID signalId,
        String dedupKey,
        SignalAction action,
        String service,
        String summary,
        String severity,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant startsAt,
        Instant endsAt,
        String generatorUrl,
        String source,
        Instant receivedAt) implements IntegrationEvent {

    @Override
    public String aggregateId() {
        return dedupKey;
    }
}
