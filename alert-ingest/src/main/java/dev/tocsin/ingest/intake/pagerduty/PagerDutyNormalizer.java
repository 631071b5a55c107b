package dev.tocsin.ingest.intake.pagerduty;

import dev.tocsin.eventing.api.Problem.FieldError;
import dev.tocsin.events.alert.Link;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.SignalAction;
import dev.tocsin.ingest.intake.IntakeLimits;
import dev.tocsin.ingest.intake.KeyedEvents.Normalized;
import dev.tocsin.ingest.intake.KeyedEvents;
import dev.tocsin.ingest.key.IntegrationKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import static dev.tocsin.ingest.intake.KeyedEvents.blank;

/**
 * Validates a PagerDuty Events API v2 alert event by PagerDuty's rules and turns it into a signal:
 * {@code severity} becomes the signal's severity and a label, as do {@code source}, {@code component},
 * {@code group} and {@code class}; {@code summary} the summary and a {@code summary} annotation;
 * {@code custom_details} the details; links and images are kept, {@code client_url} as one more link.
 */
public final class PagerDutyNormalizer {

    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

    private PagerDutyNormalizer() {
    }

    public static Normalized normalize(PagerDutyEvent event, IntegrationKey key, IntakeLimits limits, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        SignalAction action = KeyedEvents.action(event.eventAction());
        if (action == null) {
            errors.add(new FieldError("event_action", "must be one of trigger, acknowledge, resolve"));
        }
        KeyedEvents.checkDedupKey(event.dedupKey(), action, errors);
        PagerDutyEvent.Payload payload = action == SignalAction.TRIGGER ? event.payload() : null;
        Instant timestamp = null;
        if (action == SignalAction.TRIGGER && payload == null) {
            errors.add(new FieldError("payload", "is required to trigger"));
        } else if (payload != null) {
            KeyedEvents.checkSummary(payload.summary(), "payload.summary", errors);
            if (blank(payload.source())) {
                errors.add(new FieldError("payload.source", "is required to trigger"));
            }
            if (payload.severity() == null || !SEVERITIES.contains(payload.severity())) {
                errors.add(new FieldError("payload.severity", "must be one of critical, error, warning, info"));
            }
            timestamp = PagerDutyTime.parse(payload.timestamp(), errors);
        }
        Map<String, String> labels = labels(payload);
        labels.forEach((name, value) -> {
            if (!IntakeLimits.fits(value, limits.maxLabelValueBytes())) {
                errors.add(new FieldError("payload." + name, "must be at most " + limits.maxLabelValueBytes() + " bytes"));
            }
        });
        KeyedEvents.checkLinks(event.links(), errors);
        KeyedEvents.checkImages(event.images(), errors);
        if (!errors.isEmpty()) {
            return new Normalized(null, event.dedupKey(), errors);
        }
        String dedupKey = KeyedEvents.dedupKeyOrNew(event.dedupKey());
        return new Normalized(toSignal(event, action, payload, labels, timestamp, dedupKey, key, now), dedupKey,
                List.of());
    }

    private static AlertSignalReceived toSignal(PagerDutyEvent event, SignalAction action,
            PagerDutyEvent.Payload payload, Map<String, String> labels, Instant timestamp, String dedupKey,
            IntegrationKey key, Instant now) {
        String summary = payload == null ? dedupKey : payload.summary();
        Map<String, String> annotations = payload == null ? Map.of() : Map.of("summary", payload.summary());
        List<Link> links = new ArrayList<>(event.links() == null ? List.of() : event.links());
        if (!blank(event.clientUrl())) {
            links.add(new Link(event.clientUrl(), event.client()));
        }
        return new AlertSignalReceived(UUID.randomUUID(), KeyedEvents.scoped(key.service(), dedupKey), action, key.service(),
                summary, payload == null ? null : payload.severity(), labels, annotations,
                timestamp != null ? timestamp : now, action == SignalAction.RESOLVE ? now : null, null,
                PagerDutyEvent.SOURCE, now, payload == null ? null : KeyedEvents.details(payload.customDetails()),
                KeyedEvents.nullIfEmpty(links), KeyedEvents.nullIfEmpty(event.images()),
                key.id());
    }

    private static Map<String, String> labels(PagerDutyEvent.Payload payload) {
        Map<String, String> labels = new TreeMap<>();
        if (payload != null) {
            put(labels, "severity", payload.severity());
            put(labels, "source", payload.source());
            put(labels, "component", payload.component());
            put(labels, "group", payload.group());
            put(labels, "class", payload.eventClass());
        }
        return labels;
    }

    private static void put(Map<String, String> labels, String name, String value) {
        if (!blank(value)) {
            labels.put(name, value);
        }
    }
}
