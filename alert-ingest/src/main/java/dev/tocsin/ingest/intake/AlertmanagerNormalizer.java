package dev.tocsin.ingest.intake;

import dev.tocsin.eventing.api.Problem.FieldError;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.SignalAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Validates an Alertmanager API v2 batch and turns each alert into a normalized signal. A batch is
 * accepted whole or refused whole, with every invalid field named by its JSON path.
 */
public final class AlertmanagerNormalizer {

    public static final String SOURCE = "alertmanager-v2";
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private AlertmanagerNormalizer() {
    }

    /**
     * @param keyService the service the integration key belongs to, used when an alert has no
     *     {@code service} label
     */
    public static List<AlertSignalReceived> normalize(List<PostableAlert> alerts, String keyService, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (alerts == null || alerts.isEmpty()) {
            throw ProblemException.badRequest("$", "expected a non-empty JSON array of alerts");
        }
        List<AlertSignalReceived> signals = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            PostableAlert alert = alerts.get(i);
            int before = errors.size();
            validate(alert, "[" + i + "]", errors);
            if (errors.size() == before) {
                signals.add(toSignal(alert, keyService, now));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Bad Request", errors.size() + " invalid field(s): "
                    + errors.stream().map(e -> e.field() + " " + e.message()).reduce((a, b) -> a + "; " + b).orElse(""),
                    errors);
        }
        return signals;
    }

    private static void validate(PostableAlert alert, String at, List<FieldError> errors) {
        if (alert == null) {
            errors.add(new FieldError(at, "must be an alert object"));
            return;
        }
        if (alert.labels() == null || alert.labels().isEmpty()) {
            errors.add(new FieldError(at + ".labels", "must have at least one label"));
        } else {
            alert.labels().forEach((name, value) -> {
                if (!LABEL_NAME.matcher(name).matches()) {
                    errors.add(new FieldError(at + ".labels." + name, "is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)"));
                } else if (value == null) {
                    errors.add(new FieldError(at + ".labels." + name, "must have a value"));
                }
            });
        }
        if (alert.startsAt() != null && alert.endsAt() != null && alert.endsAt().isBefore(alert.startsAt())) {
            errors.add(new FieldError(at + ".endsAt", "is before startsAt"));
        }
    }

    private static AlertSignalReceived toSignal(PostableAlert alert, String keyService, Instant now) {
        Map<String, String> labels = new TreeMap<>(alert.labels());
        Map<String, String> annotations = alert.annotations() == null ? Map.of() : new TreeMap<>(alert.annotations());
        Instant endsAt = alert.endsAt() == null ? null : alert.endsAt().toInstant();
        // Prometheus re-sends firing alerts with endsAt in the future; only a past endsAt resolves.
        SignalAction action = endsAt != null && !endsAt.isAfter(now) ? SignalAction.RESOLVE : SignalAction.TRIGGER;
        return new AlertSignalReceived(UUID.randomUUID(), Fingerprint.hex(labels), action,
                labels.getOrDefault("service", keyService), summary(labels, annotations), labels.get("severity"),
                labels, annotations, alert.startsAt() == null ? now : alert.startsAt().toInstant(), endsAt,
                alert.generatorUrl(), SOURCE, now);
    }

    private static String summary(Map<String, String> labels, Map<String, String> annotations) {
        for (String candidate : new String[] {annotations.get("summary"), annotations.get("description"),
                labels.get("alertname")}) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return "alert " + Fingerprint.hex(labels);
    }
}
