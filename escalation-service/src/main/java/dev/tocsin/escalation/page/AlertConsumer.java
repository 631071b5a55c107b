package dev.tocsin.escalation.page;

import dev.tocsin.escalation.policy.store.Policies;
import dev.tocsin.escalation.schedule.store.Schedules;
import dev.tocsin.escalation.service.store.Services;
import dev.tocsin.escalation.service.ServiceDefinition;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Inbox;
import dev.tocsin.eventing.deadletter.Redelivery;
import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.AlertEvent;
import dev.tocsin.events.alert.AlertGroupUpdated;
import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Urgency;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.tocsin.escalation.EscalationConfig;
import dev.tocsin.escalation.policy.EscalationPolicy;
import dev.tocsin.escalation.team.TeamRoster;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import dev.tocsin.escalation.page.store.Pages;
import dev.tocsin.escalation.load.store.Tickets;

/**
 * Opens a page for every alert that must wake someone, on a snapshot of its service's escalation
 * policy, and resolves the page when the alert resolves. Only gathers: what happens is the Page
 * aggregate's decision ({@link PageCommand.Open}, {@link PageCommand.Resolve}). An alert that
 * cannot be routed still gets a page, marked unrouted with the reason. A ticket is kept with whom it
 * was for ({@link Tickets}), which the on-call load counts.
 *
 * <p>A poll costs a constant number of statements however many pages it opens: its routing is read
 * once per table ({@link Routing}), every page it names is loaded in one read, each alert is decided
 * in memory in poll order (an alert triggered and resolved in one poll opens its page, then resolves
 * it), and what was decided is recorded at once ({@link PageCommands#recordAll}).
 */
@ApplicationScoped
public class AlertConsumer implements Redelivery {

    private static final Logger LOG = Logger.getLogger(AlertConsumer.class);
    static final String CONSUMER = "escalation.alerts";

    private final Inbox inbox;
    private final Pages pages;
    private final PageCommands commands;
    private final Services services;
    private final Policies policies;
    private final Schedules schedules;
    private final Clock clock;
    private final MeterRegistry registry;
    private final TeamRoster roster;
    private final EscalationConfig config;
    private final Tickets tickets;

    AlertConsumer(Inbox inbox, Pages pages, PageCommands commands, Services services, Policies policies,
            Schedules schedules, Clock clock, MeterRegistry registry, TeamRoster roster, EscalationConfig config,
            Tickets tickets) {
        this.tickets = tickets;
        this.roster = roster;
        this.config = config;
        this.inbox = inbox;
        this.pages = pages;
        this.commands = commands;
        this.services = services;
        this.policies = policies;
        this.schedules = schedules;
        this.clock = clock;
        this.registry = registry;
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public Uni<Void> redeliver(ConsumerRecord<String, String> record) {
        return apply(List.of(record));
    }

    /** A poll of alerts, in one transaction. */
    @Incoming(Topics.ALERTS)
    public Uni<Void> on(ConsumerRecords<String, String> poll) {
        return apply(poll);
    }

    private Uni<Void> apply(Iterable<ConsumerRecord<String, String>> records) {
        return inbox.consumeBatch(CONSUMER, AlertEvent.class, records, fresh -> {
            List<AlertEvent> alerts = fresh.stream().map(Inbox.Fresh::event).toList();
            // The pages do not depend on the routing: both reads go out at once, pipelined on the connection.
            return Uni.combine().all().unis(Routing.read(services, policies, schedules, roster,
                            config.fallbackPolicy(), alerts), pages.loadAll(pageIds(alerts))).asTuple()
                    .chain(read -> {
                        Routing routing = read.getItem1();
                        Map<String, Page> loaded = read.getItem2();
                        Map<String, List<String>> roundRobins = roundRobins(alerts, routing, loaded);
                        return roster.claimTurns(turnsTaken(roundRobins))
                                .map(first -> decide(alerts, routing, loaded, roundRobins, first))
                                .chain(decided -> commands.recordAll(decided))
                                .chain(() -> tickets.add(tickets(alerts, routing)));
                    });
        });
    }

    /** The pages a poll's alerts open or resolve. */
    private static Set<String> pageIds(List<AlertEvent> alerts) {
        Set<String> ids = new LinkedHashSet<>();
        for (AlertEvent alert : alerts) {
            switch (alert) {
                case AlertTriggered triggered -> {
                    if (triggered.urgency() == Urgency.PAGE) {
                        ids.add(Pages.idFor(triggered.alertId()));
                    }
                }
                case AlertResolved resolved -> ids.add(Pages.idFor(resolved.alertId()));
                case AlertGroupUpdated updated -> { }
            }
        }
        return ids;
    }

    /**
     * The poll's new pages whose policy's first step pages a team's round-robin, with those teams:
     * each takes one turn of each, when its alert first triggers in the poll.
     */
    private static Map<String, List<String>> roundRobins(List<AlertEvent> alerts, Routing routing,
            Map<String, Page> loaded) {
        Map<String, List<String>> pages = new HashMap<>();
        for (AlertEvent alert : alerts) {
            String pageId = Pages.idFor(alert.alertId());
            if (alert instanceof AlertTriggered triggered && triggered.urgency() == Urgency.PAGE
                    && loaded.get(pageId).status() == Page.Status.NEW && !pages.containsKey(pageId)) {
                EscalationPolicy policy = routing.choose(triggered.service()).policy();
                pages.put(pageId, policy == null ? List.of() : StepRouting.teams(
                        List.of(PolicySnapshot.of(policy, null).step(1)), EscalationPolicy.TargetType.TEAM_ROUND_ROBIN));
            }
        }
        return pages;
    }

    /** How many turns of each team the poll's new pages take. */
    private static Map<String, Integer> turnsTaken(Map<String, List<String>> roundRobins) {
        Map<String, Integer> taken = new HashMap<>();
        roundRobins.values().forEach(teams -> teams.forEach(team -> taken.merge(team, 1, Integer::sum)));
        return taken;
    }

    /**
     * Each alert decided in poll order on its page as the alerts before it left it; no I/O. A new
     * page takes its teams' round-robin turns in poll order from the {@code firstTurns} the poll claimed.
     */
    private List<Pages.Decided> decide(List<AlertEvent> alerts, Routing routing, Map<String, Page> loaded,
            Map<String, List<String>> roundRobins, Map<String, Long> firstTurns) {
        Instant now = clock.instant();
        Map<String, Long> nextTurns = new HashMap<>(firstTurns);
        // A page takes its turns once, at its first trigger.
        Map<String, List<String>> untaken = new HashMap<>(roundRobins);
        Map<String, Page> current = new HashMap<>(loaded);
        Map<String, List<PageChange>> changes = new HashMap<>();
        for (AlertEvent alert : alerts) {
            String pageId = Pages.idFor(alert.alertId());
            Map<String, Long> turns = new HashMap<>();
            if (alert instanceof AlertTriggered triggered && triggered.urgency() == Urgency.PAGE) {
                untaken.getOrDefault(pageId, List.of()).forEach(team ->
                        turns.put(team, nextTurns.merge(team, 1L, Long::sum) - 1));
                untaken.remove(pageId);
            }
            StepRouting.Teams teams = new StepRouting.Teams(routing.responders(), turns);
            PageContext context = new PageContext(now, step -> StepRouting.people(step, routing.schedules(), teams,
                    now));
            List<PageChange> decided = switch (alert) {
                case AlertTriggered triggered -> triggered(triggered, routing, current.get(pageId), context);
                case AlertResolved resolved -> resolved(current.get(pageId), context);
                // A storm group's members changed; its page is the group alert's own, opened when it triggered.
                case AlertGroupUpdated updated -> List.of();
            };
            for (PageChange change : decided) {
                current.put(pageId, current.get(pageId).apply(change));
                changes.computeIfAbsent(pageId, id -> new ArrayList<>()).add(change);
            }
        }
        return loaded.entrySet().stream().map(page -> new Pages.Decided(page.getKey(), page.getValue(),
                changes.getOrDefault(page.getKey(), List.of()))).toList();
    }

    /**
     * The poll's tickets, each with whom its service's policy's first step names when it triggered:
     * the people the on-call load counts it for. A ticket of a service that routes nowhere is for nobody.
     */
    private static List<Tickets.Ticket> tickets(List<AlertEvent> alerts, Routing routing) {
        List<Tickets.Ticket> tickets = new ArrayList<>();
        for (AlertEvent alert : alerts) {
            if (alert instanceof AlertTriggered t && t.urgency() == Urgency.TICKET) {
                EscalationPolicy policy = routing.choose(t.service()).policy();
                List<String> people = policy == null ? List.of() : StepRouting.ticketPeople(
                        PolicySnapshot.of(policy, null).step(1), routing.schedules(), routing.responders(),
                        t.triggeredAt());
                tickets.add(new Tickets.Ticket(t.alertId(), t.service(), people, t.triggeredAt()));
            }
        }
        return tickets;
    }

    private List<PageChange> triggered(AlertTriggered alert, Routing routing, Page page, PageContext context) {
        if (alert.urgency() != Urgency.PAGE) {
            AfterCommit.register(() -> registry.counter("tocsin.alerts.not.paged", "urgency", alert.urgency().name())
                    .increment());
            return List.of();
        }
        RoutingChain.Choice choice = routing.choose(alert.service());
        ServiceDefinition.Criticality criticality = routing.service(alert.service())
                .map(ServiceDefinition::criticality).orElse(null);
        PolicySnapshot policy = choice.policy() == null ? null : PolicySnapshot.of(choice.policy(), criticality);
        List<PageChange> changes = page.decide(new PageCommand.Open(page.id(), alert.alertId(), alert.service(),
                alert.summary(), alert.severity(), alert.labels(), policy, choice.unroutable(), PageCommand.Actor.ALERT,
                choice.routedBy(), alert.reason(), alert.userFacingSlo()), context);
        for (PageChange change : changes) {
            if (change instanceof PageChange.Unrouted u) {
                AfterCommit.register(() -> LOG.warnf("alert %s on %s pages nobody: %s", alert.alertId(),
                        alert.service(), u.reason()));
            }
        }
        return changes;
    }

    private static List<PageChange> resolved(Page page, PageContext context) {
        try {
            return page.decide(new PageCommand.Resolve(PageCommand.Actor.ALERT), context);
        } catch (PageRefused e) {
            // No page was opened for the alert (it did not page).
            return List.of();
        }
    }
}
