package dev.tocsin.ingest.alert;

import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.SignalAction;
import dev.tocsin.ingest.pipeline.Classification;
import java.time.Instant;
import java.util.List;

/**
 * The state of one alert, and the pure rules that turn a signal into its events. One dedup key
 * has at most one open alert; a trigger after it closed starts a new alert with a new id.
 *
 * @param version the number of events the aggregate has; the next event's sequence is version + 1
 */
public record Alert(String id, String dedupKey, Status status, int count, Instant lastSeen, int version) {

    public enum Status {
        OPEN,
        RESOLVED
    }

    /**
     * Decides what a signal does to the open alert of its dedup key ({@code open} null when there
     * is none). {@code newId} and {@code classification} are used only when a new alert opens.
     */
    public static List<AlertChange> decide(Alert open, AlertSignalReceived signal, String newId,
            Classification classification, Instant now) {
        boolean isOpen = open != null && open.status == Status.OPEN;
        if (signal.action() == SignalAction.RESOLVE) {
            return isOpen ? List.of(new AlertChange.Closed(open.id, signal.signalId(), now)) : List.of();
        }
        if (isOpen) {
            return List.of(new AlertChange.Repeated(open.id, signal.signalId(), now));
        }
        return List.of(new AlertChange.Opened(newId, signal.signalId(), signal.dedupKey(), signal.service(),
                signal.summary(), signal.severity(), classification.urgency(), classification.reason(),
                signal.labels(), signal.annotations(), signal.startsAt(), signal.generatorUrl(), signal.source(), now));
    }

    /** The state after an event; {@code state} is null before the first. */
    public static Alert apply(Alert state, AlertChange event) {
        if (event instanceof AlertChange.Opened opened) {
            return new Alert(opened.alertId(), opened.dedupKey(), Status.OPEN, 1, opened.at(), 1);
        }
        if (event instanceof AlertChange.Repeated repeated) {
            return new Alert(state.id, state.dedupKey, state.status, state.count + 1, repeated.at(), state.version + 1);
        }
        AlertChange.Closed closed = (AlertChange.Closed) event;
        return new Alert(state.id, state.dedupKey, Status.RESOLVED, state.count, closed.at(), state.version + 1);
    }
}
