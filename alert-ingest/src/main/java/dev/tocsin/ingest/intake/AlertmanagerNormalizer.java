package dev.tocsin.ingest.intake;

import dev.tocsin.eventing.api.Problem.FieldError;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.SignalAction;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validates an Alertmanager API v2 batch and turns each alert into a normalized signal, the way
 * Alertmanager itself reads it: empty label values mean no label, a missing {@code startsAt} is the
 * {@code endsAt} or now, and the dedup key is Alertmanager's fingerprint. A batch is accepted whole
 * or refused whole, with every invalid field named by its JSON path.
 */
public final class AlertmanagerNormalizer {

    public static final String SOURCE = "alertmanager-v2";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** Go's zero time, which Go clients send for a time they did not set. */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private AlertmanagerNormalizer() {
    }

    /**
     * @param keyService the service of the integration key, for alerts without a {@code service} label
     * @throws ProblemException 400 naming every invalid field, when any alert is invalid
     */
    public static List<AlertSignalReceived> normalize(List<PostableAlert> alerts, String keyService, Instant now) {
        if (alerts == null || alerts.isEmpty()) {
            throw ProblemException.badRequest("$", "expected a non-empty JSON array of alerts");
        }
        List<FieldError> errors = new ArrayList<>();
        List<AlertSignalReceived> signals = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            int before = errors.size();
            PostableAlert alert = alerts.get(i);
            validate(alert, "[" + i + "]", errors);
            if (errors.size() == before) {
                signals.add(toSignal(alert, keyService, now));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Bad Request", errors.stream().map(e -> e.field() + ": " + e.message())
                    .collect(Collectors.joining("; ")), errors);
        }
        return signals;
    }

    private static void validate(PostableAlert alert, String at, List<FieldError> errors) {
        if (alert == null) {
            errors.add(new FieldError(at, "must be an alert object"));
            return;
        }
        Map<String, String> labels = labels(alert);
        if (labels.isEmpty()) {
            errors.add(new FieldError(at + ".labels", "must have at least one label with a non-empty value"));
        }
        names(labels, at + ".labels", "label", errors);
        names(alert.annotations() == null ? Map.of() : alert.annotations(), at + ".annotations", "annotation", errors);
        Instant startsAt = time(alert.startsAt());
        Instant endsAt = time(alert.endsAt());
        if (startsAt != null && endsAt != null && endsAt.isBefore(startsAt)) {
            errors.add(new FieldError(at + ".endsAt", "must not be before startsAt"));
        }
    }

    private static void names(Map<String, String> map, String at, String what, List<FieldError> errors) {
        map.keySet().stream().filter(name -> !NAME.matcher(name).matches()).sorted().forEach(name -> errors.add(
                new FieldError(at, what + " name '" + name + "' must match " + NAME.pattern())));
    }

    private static AlertSignalReceived toSignal(PostableAlert alert, String keyService, Instant now) {
        Map<String, String> labels = labels(alert);
        Map<String, String> annotations = new TreeMap<>();
        if (alert.annotations() != null) {
            alert.annotations().forEach((name, value) -> annotations.put(name, value == null ? "" : value));
        }
        Instant endsAt = time(alert.endsAt());
        Instant startsAt = time(alert.startsAt());
        // Prometheus re-sends firing alerts with endsAt in the future; only an endsAt that has passed resolves.
        SignalAction action = endsAt != null && !endsAt.isAfter(now) ? SignalAction.RESOLVE : SignalAction.TRIGGER;
        String dedupKey = Fingerprint.hex(labels);
        return new AlertSignalReceived(UUID.randomUUID(), dedupKey, action, labels.getOrDefault("service", keyService),
                summary(labels, annotations, dedupKey), labels.get("severity"), labels, annotations,
                startsAt != null ? startsAt : endsAt != null ? endsAt : now, endsAt, alert.generatorUrl(), SOURCE, now);
    }

    /** The labels in name order, without the empty ones: an empty value means the label is absent. */
    private static Map<String, String> labels(PostableAlert alert) {
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
