package dev.tocsin.ingest.pipeline;

import dev.tocsin.eventing.Deadlines;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.ingest.alert.AlertDomainEvent;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.storm.Storm.GroupChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a decision batch decided, complete: the {@link DecisionWrites} store it as it is, deciding
 * nothing more.
 *
 * @param alerts each changed alert, in the order the batch first changed it
 * @param groups each changed storm group
 * @param applied the last offset of each partition the batch decided
 */
public record Decisions(List<AlertChange> alerts, List<GroupChange> groups, Map<Integer, Long> applied) {

    /**
     * One alert's events in the batch and its state before and after them. Repeats are merged as
     * they come ({@code Alert.appendCoalescing}), so the events are the ones stored and {@code after}
     * is the row they make, version included.
     *
     * @param before null when the batch opened the alert
     * @param published what other services hear of these events, in order
     * @param deadlines the releases these events arm (a ticket held for business hours)
     */
    public record AlertChange(AlertRow before, List<AlertDomainEvent> events, AlertRow after,
            List<IntegrationEvent> published, List<Deadlines.Arm> deadlines) {
    }

    /** The outbox rows of the batch: each alert's in order, then each group's. */
    public List<IntegrationEvent> published() {
        List<IntegrationEvent> all = new ArrayList<>();
        alerts.forEach(a -> all.addAll(a.published()));
        groups.forEach(g -> all.addAll(g.published()));
        return all;
    }

    /** The deadlines the batch arms: held tickets' releases, then new groups' waits. */
    public List<Deadlines.Arm> deadlines() {
        List<Deadlines.Arm> all = new ArrayList<>();
        alerts.forEach(a -> all.addAll(a.deadlines()));
        groups.forEach(g -> all.addAll(g.deadlines()));
        return all;
    }
}
