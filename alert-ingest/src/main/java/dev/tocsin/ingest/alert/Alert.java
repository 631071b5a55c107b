package dev.tocsin.ingest.alert;

import dev.tocsin.ingest.alert.AlertCommand.Resolve;
import dev.tocsin.ingest.alert.AlertCommand.Trigger;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertClosed;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertOpened;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertRepeated;
import java.time.Instant;
import java.util.List;

/**
 * The Alert aggregate: one firing of one dedup key, from its first signal to its resolution. A
 * dedup key has at most one open alert; a trigger after it closed starts a new alert with a new id.
 * {@link #decide} and {@link #apply} are pure; finding the open alert, storing and publishing
 * happen outside.
 *
 * @param version how many events the alert has; the next event's sequence number is version + 1
 */
public record Alert(String id, String dedupKey, String service, Status status, int count, Instant lastSeen,
        int version) {

    public enum Status {
        OPEN,
        RESOLVED
    }

    /**
     * What a command does to the open alert of its dedup key; {@code open} is null when none is
     * open. Empty when it changes nothing: a resolve with no open alert (Prometheus keeps re-sending
     * resolved alerts for a while).
     */
    public static List<AlertDomainEvent> decide(Alert open, AlertCommand command) {
        boolean isOpen = open != null && open.status == Status.OPEN;
        // Java 17 has no pattern switch over sealed types: a new command joins this chain by hand.
        if (command instanceof Resolve resolve) {
            return isOpen ? List.of(new AlertClosed(open.id, resolve.signalId(), resolve.at())) : List.of();
        }
        Trigger trigger = (Trigger) command;
        if (isOpen) {
            return List.of(new AlertRepeated(open.id, trigger.signalId(), open.count + 1, trigger.at()));
        }
        var signal = trigger.signal();
        return List.of(new AlertOpened(trigger.newAlertId(), signal.signalId(), signal.dedupKey(), signal.service(),
                signal.summary(), signal.severity(), trigger.classification().urgency(),
                trigger.classification().reason(), signal.labels(), signal.annotations(), signal.startsAt(),
                signal.generatorUrl(), signal.source(), trigger.at()));
    }

    /** The state after an event; {@code state} is null before the first. */
    public static Alert apply(Alert state, AlertDomainEvent event) {
        if (event instanceof AlertOpened e) {
            return new Alert(e.alertId(), e.dedupKey(), e.service(), Status.OPEN, 1, e.openedAt(), 1);
        }
        if (event instanceof AlertRepeated e) {
            return new Alert(state.id, state.dedupKey, state.service, state.status, e.count(), e.lastSeen(),
                    state.version + 1);
        }
        if (event instanceof AlertClosed e) {
            return new Alert(state.id, state.dedupKey, state.service, Status.RESOLVED, state.count, e.closedAt(),
                    state.version + 1);
        }
        throw new IllegalArgumentException("unknown event " + event);
    }
}
