package dev.tocsin.ingest.intake;

import dev.tocsin.eventing.api.Problem.FieldError;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.SignalAction;
import dev.tocsin.ingest.key.IntegrationKey;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Validates Alertmanager-style alerts and turns each valid one into a normalized signal, the way
 * Alertmanager itself reads them: empty label values mean no label, a missing {@code startsAt} is
 * the {@code endsAt} or now, and the dedup key is the sender's fingerprint when it is one, else
 * Alertmanager's fingerprint of the labels, namespaced by the alert's service
 * ({@link KeyedEvents#scoped}). The service is the {@code service} label, which must be one the
 * integration key speaks for, else the key's own. Each alert is decided on its own: an invalid one
 * is reported by its JSON path and left out, the valid ones are kept.
 */
public final class LabeledAlerts {

    /** Go's zero time, which Go clients send for a time they did not set. */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{16}");

    private LabeledAlerts() {
    }

    /**
     * @param at JSON path of the array, {@code ""} when the body is the array itself
     * @param source the wire format, recorded on each signal
     */
    public static Batch normalize(List<LabeledAlert> alerts, String at, String source, IntegrationKey key,
            IntakeLimits limits, Instant now) {
        return normalize(ParsedBatch.of(alerts, at), source, key, limits, now);
    }

    /** The alerts of a batch as read, those refused while reading left out with their errors. */
    public static Batch normalize(ParsedBatch batch, String source, IntegrationKey key, IntakeLimits limits,
            Instant now) {
        List<LabeledAlert> alerts = batch.alerts();
        String at = batch.at();
        List<FieldError> errors = new ArrayList<>();
        List<AlertSignalReceived> signals = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            int before = errors.size();
            if (batch.refused().containsKey(i)) {
                errors.addAll(batch.refused().get(i));
                continue;
            }
            LabeledAlert alert = alerts.get(i);
            if (alert == null) {
                errors.add(new FieldError(at + "[" + i + "]", "must be an alert object"));
                continue;
            }
            // Read once, for the checks and for the signal.
            Map<String, String> labels = labels(alert);
            Instant startsAt = time(alert.startsAt());
            Instant endsAt = time(alert.endsAt());
            validate(alert, labels, startsAt, endsAt, at + "[" + i + "]", limits, errors);
            ServiceScope.check(key, labels.get("service"), at + "[" + i + "].labels.service", errors);
            if (errors.size() == before) {
                signals.add(toSignal(alert, labels, startsAt, endsAt, source, key, now));
            }
        }
        return new Batch(signals, errors);
    }

    private static void validate(LabeledAlert alert, Map<String, String> labels, Instant startsAt, Instant endsAt,
            String at, IntakeLimits limits, List<FieldError> errors) {
        if (labels.isEmpty()) {
            errors.add(new FieldError(at + ".labels", "must have at least one label with a non-empty value"));
        }
        limits.checkLabels(labels, at + ".labels", errors);
        limits.checkAnnotations(alert.annotations() == null ? Map.of() : alert.annotations(), at + ".annotations",
                errors);
        if (alert.status() != null && !alert.status().equals("firing") && !alert.status().equals("resolved")) {
            errors.add(new FieldError(at + ".status", "must be firing or resolved"));
        }
        if (startsAt != null && endsAt != null && endsAt.isBefore(startsAt)) {
            errors.add(new FieldError(at + ".endsAt", "must not be before startsAt"));
        }
    }

    private static AlertSignalReceived toSignal(LabeledAlert alert, Map<String, String> labels, Instant startsAt,
            Instant endsAt, String source, IntegrationKey key, Instant now) {
        Map<String, String> annotations = new TreeMap<>();
        if (alert.annotations() != null) {
            alert.annotations().forEach((name, value) -> annotations.put(name, value == null ? "" : value));
        }
        String fingerprint = alert.fingerprint() != null && FINGERPRINT.matcher(alert.fingerprint()).matches()
                ? alert.fingerprint() : Fingerprint.hex(labels);
        String service = labels.getOrDefault("service", key.service());
        return new AlertSignalReceived(UUID.randomUUID(), KeyedEvents.scoped(service, fingerprint),
                action(alert.status(), endsAt, now), service, summary(labels, annotations, fingerprint),
                labels.get("severity"), labels, annotations, startsAt != null ? startsAt : endsAt != null ? endsAt : now,
                endsAt, alert.generatorUrl(), source, now, alert.details(), KeyedEvents.nullIfEmpty(alert.links()),
                KeyedEvents.nullIfEmpty(alert.images()), key.id());
    }

    private static SignalAction action(String status, Instant endsAt, Instant now) {
        if (status != null) {
            return status.equals("resolved") ? SignalAction.RESOLVE : SignalAction.TRIGGER;
        }
        // Prometheus re-sends firing alerts with endsAt in the future; only an endsAt that has passed resolves.
        return endsAt != null && !endsAt.isAfter(now) ? SignalAction.RESOLVE : SignalAction.TRIGGER;
    }

    /** The labels in name order, without the empty ones: an empty value means the label is absent. */
    private static Map<String, String> labels(LabeledAlert alert) {
        Map<String, String> labels = new TreeMap<>();
        if (alert.labels() != null) {
            alert.labels().forEach((name, value) -> {
                if (value != null && !value.isEmpty()) {
                    labels.put(name, value);
                }
            });
        }
        return labels;
    }

    private static Instant time(OffsetDateTime time) {
        return time == null || time.toInstant().equals(GO_ZERO_TIME) ? null : time.toInstant();
    }

    private static String summary(Map<String, String> labels, Map<String, String> annotations, String dedupKey) {
        for (String candidate : new String[] {annotations.get("summary"), annotations.get("description"),
                labels.get("alertname")}) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return "alert " + dedupKey;
    }
}
