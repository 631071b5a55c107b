package dev.tocsin.ingest.alert;

import dev.tocsin.eventing.StoredEvents;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.ingest.alert.AlertCommand.Acknowledge;
import dev.tocsin.ingest.alert.AlertCommand.Release;
import dev.tocsin.ingest.alert.AlertCommand.Resolve;
import dev.tocsin.ingest.alert.AlertCommand.Trigger;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertAcknowledged;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertClosed;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertOpened;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertReleased;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertRepeated;
import java.util.List;

/**
 * The Alert aggregate: one firing of one dedup key, from its first signal to its resolution. A
 * dedup key has at most one open alert; a trigger after it closed starts a new alert with a new id.
 * Its state is an {@link AlertRow}. {@link #decide} and {@link #apply} are pure; finding the open
 * alert, deciding urgency and disposition, storing and publishing happen outside.
 */
public final class Alert {

    /** The aggregate's events as the event store names them. */
    public static final StoredEvents<AlertDomainEvent> EVENTS = StoredEvents.of("Alert", AlertDomainEvent.class);

    public enum Status {
        OPEN,
        RESOLVED
    }

    private Alert() {
    }

    /**
     * What a command does to the open alert of its dedup key; {@code open} is null when none is
     * open. Empty when it changes nothing: a resolve or acknowledge with no open alert (Prometheus
     * keeps re-sending resolved alerts for a while), a second acknowledge, or a release that is no
     * longer due because the alert resolved or was published meanwhile.
     */
    public static List<AlertDomainEvent> decide(AlertRow open, AlertCommand command) {
        boolean isOpen = open != null && open.isOpen();
        return switch (command) {
            case Resolve resolve -> isOpen ? List.of(new AlertClosed(open.id(), resolve.signalId(), resolve.at()))
                    : List.of();
            case Acknowledge ack -> acknowledge(open, isOpen, ack);
            case Release release -> release(open, isOpen, release);
            case Trigger trigger -> trigger(open, isOpen, trigger);
        };
    }

    private static List<AlertDomainEvent> acknowledge(AlertRow open, boolean isOpen, Acknowledge ack) {
        if (!isOpen || open.acknowledgedAt() != null) {
            return List.of();
        }
        boolean pages = open.disposition() == Disposition.PUBLISHED && open.urgency() == Urgency.PAGE;
        return List.of(new AlertAcknowledged(open.id(), ack.signalId(), ack.by(), pages, ack.at()));
    }

    private static List<AlertDomainEvent> release(AlertRow open, boolean isOpen, Release release) {
        boolean heldBack = isOpen && (open.disposition() == Disposition.HELD
                || open.disposition() == Disposition.SUPPRESSED);
        Decision now = release.decision();
        boolean unchanged = now.disposition() == Disposition.SUPPRESSED
                && open.disposition() == Disposition.SUPPRESSED
                && java.util.Objects.equals(now.suppressedBy(), open.suppressedBy());
        if (!heldBack || unchanged) {
            return List.of();
        }
        return List.of(new AlertReleased(open.id(), release.cause(), now.disposition(), now.reason(),
                now.suppressedBy(), now.heldUntil(), release.at()));
    }

    private static List<AlertDomainEvent> trigger(AlertRow open, boolean isOpen, Trigger trigger) {
        if (isOpen) {
            return List.of(new AlertRepeated(open.id(), trigger.signal().signalId(), open.count() + 1, trigger.at(), 1));
        }
        var signal = trigger.signal();
        Decision decision = trigger.decision();
        return List.of(new AlertOpened(trigger.newAlertId(), signal.signalId(), signal.dedupKey(), signal.service(),
                signal.summary(), signal.severity(), decision.classification().urgency(),
                decision.classification().reason(), signal.labels(), signal.annotations(), signal.startsAt(),
                signal.generatorUrl(), signal.source(), trigger.at(), signal.details(), signal.links(),
                signal.images(), decision.disposition(), decision.reason(), decision.suppressedBy(),
                decision.heldUntil(), decision.groupId(), decision.classification().userFacingSlo()));
    }

    /** The state after an event; {@code state} is null before the first. */
    public static AlertRow apply(AlertRow state, AlertDomainEvent event) {
        return switch (event) {
            case AlertOpened e -> new AlertRow(e.alertId(), e.dedupKey(), e.service(), Status.OPEN, e.summary(),
                    e.severity(), e.urgency(), e.reason(), e.labels(), e.annotations(), e.source(), 1, 1, e.openedAt(),
                    e.openedAt(), null, e.startsAt(), e.generatorUrl(), e.details(), e.links(), e.images(),
                    e.disposition(), e.dispositionReason(), e.suppressedBy(), e.heldUntil(), e.groupId(), null, null,
                    e.userFacingSlo());
            case AlertRepeated e -> state.repeated(e.count(), e.lastSeen());
            case AlertReleased e -> state.released(e.disposition(), e.dispositionReason(), e.suppressedBy(),
                    e.heldUntil());
            case AlertAcknowledged e -> state.acknowledged(e.by(), e.at());
            case AlertClosed e -> state.closed(e.closedAt());
        };
    }

    /**
     * Appends an event, merging it into the last one when both are repeats, so a batch in which
     * Prometheus re-sent a firing alert many times stores one history entry for them, not one per
     * signal.
     */
    public static void appendCoalescing(List<AlertDomainEvent> events, AlertDomainEvent event) {
        int last = events.size() - 1;
        if (event instanceof AlertRepeated next && last >= 0 && events.get(last) instanceof AlertRepeated prev) {
            events.set(last, new AlertRepeated(next.alertId(), next.signalId(), next.count(), next.lastSeen(),
                    prev.repeats() + next.repeats()));
        } else {
            events.add(event);
        }
    }
}
