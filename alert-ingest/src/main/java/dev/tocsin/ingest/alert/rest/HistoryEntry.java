package dev.tocsin.ingest.alert.rest;

import dev.tocsin.ingest.alert.AlertDomainEvent;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertClosed;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertOpened;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertRepeated;
import java.time.Instant;
import java.util.UUID;

/**
 * One event of an alert's history as the API shows it.
 *
 * @param event {@code AlertOpened}, {@code AlertRepeated} or {@code AlertClosed}
 * @param count how many signals the alert had after this event, for openings and repeats
 */
public record HistoryEntry(String event, Instant at, UUID signalId, Integer count) {

    static HistoryEntry of(AlertDomainEvent event) {
        String name = event.getClass().getSimpleName();
        if (event instanceof AlertOpened e) {
            return new HistoryEntry(name, e.openedAt(), e.signalId(), 1);
        }
        if (event instanceof AlertRepeated e) {
            return new HistoryEntry(name, e.lastSeen(), e.signalId(), e.count());
        }
        AlertClosed e = (AlertClosed) event;
        return new HistoryEntry(name, e.closedAt(), e.signalId(), null);
    }
}
