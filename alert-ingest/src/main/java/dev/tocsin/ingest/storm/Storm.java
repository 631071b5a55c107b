package dev.tocsin.ingest.storm;

import dev.tocsin.eventing.Deadlines;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.alert.Drill;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.ingest.alert.AlertDomainEvent;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertAcknowledged;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertClosed;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertOpened;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertReleased;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertRepeated;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.alert.Decision;
import dev.tocsin.ingest.alert.Disposition;
import dev.tocsin.ingest.pipeline.Candidate;
import dev.tocsin.ingest.pipeline.DecisionConfig;
import dev.tocsin.ingest.pipeline.DecisionInput;
import dev.tocsin.ingest.pipeline.DecisionStep;
import dev.tocsin.ingest.pipeline.FlapStep;
import dev.tocsin.ingest.release.Releases;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A storm, in one place (SRE book ch. 13: a flood of alerts drowned the responders' channels). When
 * more than {@code threshold} new {@code PAGE} alerts of one service arrive within {@code window},
 * the first ones have paged and every further one joins the service's one storm group instead of
 * paging on its own. Within a decision batch, in the order things happen:
 * <ol>
 * <li>as a {@link DecisionStep}, it counts each new PAGE alert against the service's latest pages
 *     (read before the batch) and decides whether it joins the group ({@link #view});</li>
 * <li>the batch's {@link Groups} collect which alerts joined and which grouped ones resolved, and
 *     which groups a due release names;</li>
 * <li>{@link Groups#changes()} turns that into each group's events ({@link AlertGroup}: opened with
 *     its first members, joined, resolved, closed when none fires, published once its group wait
 *     passed), the group wait's deadline of a new group, and what other services hear of it
 *     ({@link GroupPublication}).</li>
 * </ol>
 * Pure: the read phase brings the latest pages and the groups, the write phase stores what changed.
 * With {@code storm.enabled} off nothing joins a group; groups opened before still close and release.
 */
public final class Storm implements DecisionStep {

    /** One storm group's events in a batch, its state before and after them, and what they lead to. */
    public record GroupChange(GroupRow before, List<GroupEvent> events, GroupRow after,
            List<IntegrationEvent> published, List<Deadlines.Arm> deadlines) {
    }

    private final DecisionConfig.Storm config;

    public Storm(DecisionConfig.Storm config) {
        this.config = config;
    }

    @Override
    public View view(DecisionInput input) {
        if (!config.enabled()) {
            return (candidate, current) -> current;
        }
        Map<String, Deque<Instant>> recent = new HashMap<>();
        input.pages().forEach((service, pages) -> recent.put(service, new ArrayDeque<>(pages)));
        Map<String, String> groups = new HashMap<>();
        input.groups().values().stream().filter(GroupRow::open).forEach(g -> groups.put(g.service(), g.id()));
        return new View() {
            @Override
            public Decision decide(Candidate candidate, Decision current) {
                // A drill tests that one page reaches the on-call: never grouped, never counted towards a storm.
                if (current.classification().urgency() != Urgency.PAGE || Drill.idOf(candidate.labels()) != null) {
                    return current;
                }
                Instant since = candidate.at().minus(config.window());
                long inWindow = recent.getOrDefault(candidate.service(), new ArrayDeque<>()).stream()
                        .filter(at -> at.isAfter(since)).count() + 1;
                if (inWindow <= config.threshold()) {
                    return current;
                }
                String group = groups.computeIfAbsent(candidate.service(), s -> input.ids().get());
                return current.grouped(group, "grouped: new PAGE alert #" + inWindow + " on " + candidate.service()
                        + " within " + FlapStep.human(config.window()) + " (storm threshold " + config.threshold()
                        + "); joined the storm page " + group);
            }

            @Override
            public void decided(Candidate candidate, Decision decision) {
                if (decision.classification().urgency() == Urgency.PAGE && Drill.idOf(candidate.labels()) == null
                        && (decision.disposition() == Disposition.PUBLISHED
                                || decision.disposition() == Disposition.GROUPED)) {
                    Deque<Instant> times = recent.computeIfAbsent(candidate.service(), s -> new ArrayDeque<>());
                    times.addLast(candidate.at());
                    while (times.size() > config.threshold() + 1) {
                        times.removeFirst();
                    }
                }
            }
        };
    }

    /** What one batch does to the storm groups, collected as the batch's alert events are decided. */
    public Groups groups(DecisionInput input) {
        return new Groups(input.groups(), input.decidedAt());
    }

    /** The storm groups of one batch: memberships and due releases in, each group's change out. */
    public final class Groups {

        /** What the batch did to one group's membership; service and time matter when it opens. */
        private record Membership(String service, Instant at, List<String> joined, List<String> resolved) {
        }

        private final Map<String, GroupRow> stored;
        private final Instant decidedAt;
        private final Map<String, Membership> memberships = new LinkedHashMap<>();
        private final Set<String> releases = new LinkedHashSet<>();

        private Groups(Map<String, GroupRow> stored, Instant decidedAt) {
            this.stored = stored;
            this.decidedAt = decidedAt;
        }

        /** An alert event of the batch: a grouped alert opening joins its group, one closing resolves in it. */
        public void record(AlertRow before, AlertDomainEvent event) {
            switch (event) {
                case AlertOpened opened -> {
                    if (opened.disposition() == Disposition.GROUPED) {
                        membership(opened.groupId(), opened.service(), opened.openedAt()).joined().add(opened.alertId());
                    }
                }
                case AlertClosed closed -> {
                    if (before.disposition() == Disposition.GROUPED) {
                        membership(before.groupId(), before.service(), closed.closedAt()).resolved().add(before.id());
                    }
                }
                case AlertRepeated repeated -> {
                }
                case AlertReleased released -> {
                }
                case AlertAcknowledged acknowledged -> {
                }
            }
        }

        /** The group wait of this group passed: it is published now if still open and not out yet. */
        public void release(String groupId) {
            releases.add(groupId);
        }

        /** Each changed group, in the order the batch first changed it. */
        public List<GroupChange> changes() {
            Map<String, List<GroupEvent>> events = new LinkedHashMap<>();
            Map<String, GroupRow> states = new HashMap<>(stored);
            memberships.forEach((id, m) -> {
                List<GroupEvent> changes = new ArrayList<>();
                GroupRow state = stored.get(id);
                if (!m.joined().isEmpty()) {
                    state = fold(state, AlertGroup.join(state, id, m.service(), reason(m.service()), m.joined(),
                            m.at()), changes);
                }
                if (!m.resolved().isEmpty()) {
                    state = fold(state, AlertGroup.resolve(state, m.resolved(), m.at()), changes);
                }
                events.put(id, changes);
                states.put(id, state);
            });
            for (String id : releases) {
                states.put(id, fold(states.get(id), AlertGroup.publish(states.get(id), decidedAt),
                        events.computeIfAbsent(id, k -> new ArrayList<>())));
            }
            List<GroupChange> out = new ArrayList<>();
            events.forEach((id, changes) -> {
                if (!changes.isEmpty()) {
                    GroupRow before = stored.get(id);
                    GroupRow after = states.get(id);
                    List<Deadlines.Arm> wait = before != null ? List.of() : List.of(new Deadlines.Arm(
                            Releases.GROUP, after.id(), after.openedAt().plus(config.groupWait()),
                            Releases.payload(after.key())));
                    out.add(new GroupChange(before, List.copyOf(changes), after,
                            GroupPublication.of(before, changes, after, decidedAt), wait));
                }
            });
            return out;
        }

        private Membership membership(String groupId, String service, Instant at) {
            return memberships.computeIfAbsent(groupId,
                    id -> new Membership(service, at, new ArrayList<>(), new ArrayList<>()));
        }
    }

    /** Why a storm group pages, for its {@code GroupOpened}. */
    private String reason(String service) {
        return "paged: storm on " + service + ": more than " + config.threshold() + " new PAGE alerts within "
                + FlapStep.human(config.window()) + "; the rest join this one page";
    }

    private static GroupRow fold(GroupRow state, List<GroupEvent> events, List<GroupEvent> into) {
        for (GroupEvent event : events) {
            state = AlertGroup.apply(state, event);
            into.add(event);
        }
        return state;
    }
}
