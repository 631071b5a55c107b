package dev.tocsin.ingest.intake.pagerduty;

import dev.tocsin.eventing.api.Problem.FieldError;
import dev.tocsin.events.change.ChangeReceived;
import dev.tocsin.ingest.intake.KeyedEvents;
import dev.tocsin.ingest.key.IntegrationKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Validates a PagerDuty Change Event by PagerDuty's rules and turns it into a {@link ChangeReceived}. */
public final class ChangeNormalizer {

    /** @param change the change, null when {@code errors} is not empty */
    public record Normalized(ChangeReceived change, List<FieldError> errors) {
    }

    private ChangeNormalizer() {
    }

    public static Normalized normalize(ChangeEvent event, IntegrationKey key, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        ChangeEvent.Payload payload = event.payload();
        Instant timestamp = null;
        if (payload == null) {
            errors.add(new FieldError("payload", "is required"));
        } else {
            KeyedEvents.checkSummary(payload.summary(), "payload.summary", errors);
            timestamp = PagerDutyTime.parse(payload.timestamp(), errors);
        }
        KeyedEvents.checkLinks(event.links(), errors);
        if (!errors.isEmpty()) {
            return new Normalized(null, errors);
        }
        return new Normalized(new ChangeReceived(UUID.randomUUID().toString(), key.service(), payload.summary(),
                payload.source(), timestamp != null ? timestamp : now, KeyedEvents.details(payload.customDetails()),
                KeyedEvents.nullIfEmpty(event.links()), ChangeEvent.SOURCE, now),
                List.of());
    }
}
