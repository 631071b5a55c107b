package dev.tocsin.events.signal;

import dev.tocsin.events.alert.Image;
import dev.tocsin.events.alert.Link;
import java.time.Instant;
import java.util.List;
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
 * @param details free-form structured details (PagerDuty {@code custom_details}, a webhook's
 *     {@code details}); optional, null when the format has none
 * @param links links the source attached (runbooks, dashboards); optional
 * @param images images the source attached (graphs); optional
 * @param keyId id of the integration key the signal was accepted with; optional
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
        Instant receivedAt,
        Map<String, Object> details,
        List<Link> links,
        List<Image> images,
        String keyId) implements SignalMessage {

    /** A signal without details, links, images or key, as the Alertmanager formats carry. */
    public AlertSignalReceived(UUID signalId, String dedupKey, SignalAction action, String service, String summary,
            String severity, Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
            Instant endsAt, String generatorUrl, String source, Instant receivedAt) {
        this(signalId, dedupKey, action, service, summary, severity, labels, annotations, startsAt, endsAt,
                generatorUrl, source, receivedAt, null, null, null, null);
    }

    @Override
    public String aggregateId() {
        return dedupKey;
    }
}
