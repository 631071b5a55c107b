package dev.tocsin.ingest.intake.webhook;

import dev.tocsin.eventing.api.Problem.FieldError;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.SignalAction;
import dev.tocsin.ingest.intake.IntakeLimits;
import dev.tocsin.ingest.intake.KeyedEvents.Normalized;
import dev.tocsin.ingest.intake.KeyedEvents;
import dev.tocsin.ingest.intake.ServiceScope;
import dev.tocsin.ingest.key.IntegrationKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import static dev.tocsin.ingest.intake.KeyedEvents.blank;

/**
 * Validates a generic webhook event and turns it into a signal, with PagerDuty's dedup-key rules.
 * Its service is the {@code service} label when the integration key speaks for it, else the key's.
 */
public final class GenericNormalizer {

    private GenericNormalizer() {
    }

    public static Normalized normalize(GenericEvent event, IntegrationKey key, IntakeLimits limits, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        SignalAction action = event.action() == null ? SignalAction.TRIGGER : KeyedEvents.action(event.action());
        if (action == null) {
            errors.add(new FieldError("action", "must be one of trigger, acknowledge, resolve"));
        }
        KeyedEvents.checkDedupKey(event.dedupKey(), action, errors);
        if (action == SignalAction.TRIGGER) {
            KeyedEvents.checkSummary(event.summary(), "summary", errors);
        }
        Map<String, String> labels = new TreeMap<>();
        if (event.labels() != null) {
            event.labels().forEach((name, value) -> {
                if (!blank(value)) {
                    labels.put(name, value);
                }
            });
        }
        // The top-level fields win over labels of the same name: they are what the sender meant explicitly.
        if (!blank(event.severity())) {
            labels.put("severity", event.severity());
        }
        if (!blank(event.source())) {
            labels.put("source", event.source());
        }
        limits.checkLabels(labels, "labels", errors);
        ServiceScope.check(key, labels.get("service"), "labels.service", errors);
        KeyedEvents.checkLinks(event.links(), errors);
        if (!errors.isEmpty()) {
            return new Normalized(null, event.dedupKey(), errors);
        }
        String dedupKey = KeyedEvents.dedupKeyOrNew(event.dedupKey());
        String summary = blank(event.summary()) ? dedupKey : event.summary();
        String service = ServiceScope.of(key, labels.get("service"));
        AlertSignalReceived signal = new AlertSignalReceived(UUID.randomUUID(), KeyedEvents.scoped(service, dedupKey),
                action, service, summary, labels.get("severity"), labels,
                blank(event.summary()) ? Map.of() : Map.of("summary", event.summary()), now,
                action == SignalAction.RESOLVE ? now : null, null, GenericEvent.SOURCE, now,
                KeyedEvents.details(event.details()),
                KeyedEvents.nullIfEmpty(event.links()), null, key.id());
        return new Normalized(signal, dedupKey, List.of());
    }
}
