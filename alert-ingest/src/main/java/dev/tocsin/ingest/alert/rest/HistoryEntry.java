package dev.tocsin.ingest.alert.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tocsin.ingest.alert.AlertDomainEvent;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertAcknowledged;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertClosed;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertOpened;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertReleased;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertRepeated;
import java.time.Instant;
import java.util.UUID;

/**
 * One event of an alert's history as the API shows it: every signal's effect, each decision and
 * its reason.
 *
 * @param event {@code AlertOpened}, {@code AlertRepeated}, {@code AlertReleased}, {@code AlertAcknowledged}
 *     or {@code AlertClosed}
 * @param count how many signals the alert had after this event, for openings and repeats
 * @param repeats how many signals a repeat entry stands for (repeats decided together are one entry)
 * @param decision the urgency and disposition decided, e.g. {@code PAGE, PUBLISHED}
 * @param reason why, in words a responder can read
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEntry(String event, Instant at, UUID signalId, Integer count, Integer repeats, String decision,
        String reason) {

    static HistoryEntry of(AlertDomainEvent event) {
        String name = event.getClass().getSimpleName();
        return switch (event) {
            case AlertOpened e -> new HistoryEntry(name, e.openedAt(), e.signalId(), 1, null,
                    e.urgency() + ", " + e.disposition(),
                    e.dispositionReason() == null ? e.reason() : e.reason() + "; " + e.dispositionReason());
            case AlertRepeated e -> new HistoryEntry(name, e.lastSeen(), e.signalId(), e.count(), e.repeats(), null,
                    null);
            case AlertReleased e -> new HistoryEntry(name, e.releasedAt(), null, null, null, e.disposition().name(),
                    e.cause() + (e.dispositionReason() == null ? "" : "; " + e.dispositionReason()));
            case AlertAcknowledged e -> new HistoryEntry(name, e.at(), e.signalId(), null, null, null,
                    "acknowledged by " + e.by()
                            + (e.forwarded() ? "; its page was asked to stop escalating" : "; no page to stop"));
            case AlertClosed e -> new HistoryEntry(name, e.closedAt(), e.signalId(), null, null, null, null);
        };
    }
}
