package dev.tocsin.incident.declare;

import dev.tocsin.eventing.Deadlines;
import dev.tocsin.eventing.Inbox;
import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.deadletter.Redelivery;
import dev.tocsin.eventing.directory.DirectoryReferences;
import dev.tocsin.events.page.PageAcknowledged;
import dev.tocsin.events.page.PageAcknowledgementExpired;
import dev.tocsin.events.page.PageEscalated;
import dev.tocsin.events.page.PageEvent;
import dev.tocsin.events.page.PageExhausted;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.events.page.PageReassigned;
import dev.tocsin.events.page.PageRenotified;
import dev.tocsin.events.page.PageResolved;
import dev.tocsin.events.page.PageSnoozed;
import dev.tocsin.incident.IncidentConfig;
import dev.tocsin.incident.engine.UnresolvedAfterAcknowledgement;
import dev.tocsin.incident.incident.Incident;
import dev.tocsin.incident.incident.IncidentCommand;
import dev.tocsin.incident.incident.Incidents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Declares incidents when a rule holds, and lets related pages join an open one instead of opening
 * another (SRE book ch. 14: declare early). It follows {@code tocsin.pages} in a consumer group and
 * inbox of its own ({@code incident.declarations}), so rebuilding the timeline, which replays the
 * topic, never declares anything again. Each opened page, in its poll's transaction and one page at
 * a time (an advisory lock, so two partitions never both declare for one pair of pages):
 * <ol>
 *   <li>a page for a service of an open (active or mitigated) incident joins the newest such;</li>
 *   <li>otherwise, <b>users are affected</b>: a page whose alert threatens a user-facing SLO
 *       ({@code PageOpened.userFacingSlo}, an SLO of a {@code USER_FACING} service in alert-ingest)
 *       declares an incident of its own ({@code tocsin.incident.declare.users-affected});</li>
 *   <li>otherwise, <b>another team is needed</b>: when pages for services of another team opened
 *       within {@code tocsin.incident.declare.teams-window} (10 min; {@code 0s} turns the rule off)
 *       before it and joined no incident, an incident is declared for them all, nobody holding
 *       command until someone takes it.</li>
 * </ol>
 * A page in no incident that is escalated or reassigned to people of another team, not of its
 * service's, declares one too: another team is needed.
 * Its id comes from the page that completed the rule, so a redelivered page declares nothing twice.
 * An acknowledged page arms {@link UnresolvedAfterAcknowledgement}, the third rule; a resolved one
 * cancels it.
 */
@ApplicationScoped
public class DeclarationRules implements Redelivery {

    static final String CONSUMER = "incident.declarations";
    /** The channel, bound to {@code tocsin.pages} in application.properties. */
    static final String CHANNEL = "incident-declarations";
    static final String ANOTHER_TEAM = "rule:another-team";
    static final String USERS_AFFECTED = "rule:users-affected";
    private static final Duration KEPT = Duration.ofDays(1);

    private static final String LOCK = "select pg_advisory_xact_lock(hashtextextended('tocsin.incident.declarations', 0))";
    private static final String OPEN_INCIDENT = """
            select incident_id from incidents where status in ('ACTIVE', 'MITIGATED') and $1 = any(services)
            order by declared_at desc, incident_id desc limit 1""";

    private final Inbox inbox;
    private final Incidents incidents;
    private final DirectoryReferences directory;
    private final IncidentConfig config;
    private final Deadlines deadlines;
    private final DeclarationPages seen;
    private final RuleDeclarations declarations;
    private final Clock clock;

    DeclarationRules(Inbox inbox, Incidents incidents, DirectoryReferences directory, IncidentConfig config,
            Deadlines deadlines, DeclarationPages seen, RuleDeclarations declarations, Clock clock) {
        this.declarations = declarations;
        this.deadlines = deadlines;
        this.seen = seen;
        this.inbox = inbox;
        this.incidents = incidents;
        this.directory = directory;
        this.config = config;
        this.clock = clock;
    }

    @Incoming(CHANNEL)
    public Uni<Void> on(ConsumerRecords<String, String> poll) {
        return consume(poll);
    }

    Uni<Void> consume(Iterable<ConsumerRecord<String, String>> records) {
        return inbox.consume(CONSUMER, PageEvent.class, records, fresh -> switch (fresh.event()) {
            case PageOpened opened -> opened(opened);
            case PageAcknowledged acknowledged -> acknowledged(acknowledged);
            case PageResolved resolved -> deadlines.cancel(UnresolvedAfterAcknowledgement.KIND, resolved.pageId());
            case PageEscalated e -> reached(e.pageId(), e.userIds(), "escalated");
            case PageSnoozed e -> Uni.createFrom().voidItem();
            case PageRenotified e -> reached(e.pageId(), e.userIds(), null);
            case PageReassigned e -> reached(e.pageId(), e.userIds(), "reassigned");
            case PageExhausted e -> Uni.createFrom().voidItem();
            case PageAcknowledgementExpired e -> Uni.createFrom().voidItem();
        });
    }

    @Override
    public String consumer() {
        return CONSUMER;
    }

    @Override
    public Uni<Void> redeliver(ConsumerRecord<String, String> record) {
        return consume(List.of(record));
    }

    private Uni<Void> opened(PageOpened page) {
        // A drill's page is a rehearsal: it joins no incident and no rule declares one for it (nor, kept
        // out of declaration_pages, when it is escalated, reassigned or acknowledged).
        if (page.service() == null || page.openedAt() == null || page.drillId() != null) {
            return Uni.createFrom().voidItem();
        }
        return directory.teamsOf(List.of(page.service())).chain(teams -> {
            String team = teams.get(page.service());
            return Sql.connection().preparedQuery(LOCK).execute()
                    .chain(() -> seen.seen(page.pageId(), page.service(), team, page.openedAt(),
                            page.userIds() == null ? List.of() : page.userIds()))
                    .chain(() -> Sql.connection().preparedQuery(OPEN_INCIDENT).execute(Tuple.of(page.service())))
                    .chain(open -> {
                        if (open.size() > 0) {
                            return join(open.iterator().next().getString(0), page);
                        }
                        if (page.userFacingSlo() != null && config.declare().usersAffected()) {
                            return usersAffected(page);
                        }
                        return team == null || !config.declare().teamsWindow().isPositive()
                                ? Uni.createFrom().voidItem() : anotherTeam(page, team);
                    });
        }).chain(() -> seen.prune(clock.instant().minus(KEPT)));
    }

    /** Arms (or moves) the unresolved-after-acknowledgement deadline of the page. */
    private Uni<Void> acknowledged(PageAcknowledged page) {
        Duration after = config.declare().unresolvedAfter();
        if (!after.isPositive() || page.acknowledgedAt() == null) {
            return Uni.createFrom().voidItem();
        }
        return seen.serviceOf(page.pageId()).chain(service -> service.isEmpty() ? Uni.createFrom().voidItem()
                : deadlines.arm(UnresolvedAfterAcknowledgement.KIND, page.pageId(), page.acknowledgedAt().plus(after),
                        UnresolvedAfterAcknowledgement.payload(page.pageId(), service.get(), page.by())));
    }

    private Uni<Void> join(String incidentId, PageOpened page) {
        return incidents.execute(incidentId, new IncidentCommand.JoinPage(page.pageId(), page.service(), "rule:join",
                        page.userIds()))
                .chain(() -> seen.wentTo(incidentId, List.of(page.pageId())));
    }

    /**
     * The page notified {@code people} too, recorded so a declaration tells them. When it was
     * {@code how} (escalated, reassigned; null: renotified) to them while in no incident yet, and
     * some of them are of other teams and not of its service's, another team is needed.
     */
    private Uni<Void> reached(String pageId, List<String> people, String how) {
        if (people == null || people.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> recorded = seen.reached(pageId, people);
        if (how == null || !config.declare().teamsWindow().isPositive()) {
            return recorded;
        }
        return recorded.chain(() -> Sql.connection().preparedQuery(LOCK).execute())
                .chain(() -> seen.outsideIncidents(pageId))
                .chain(found -> found.isEmpty() || found.get().team() == null ? Uni.createFrom().voidItem()
                        : directory.teamsOfPeople(people).chain(teams -> {
                            DeclarationPages.Seen page = found.get();
                            List<String> others = people.stream().filter(p -> teams.containsKey(p)
                                    && !teams.get(p).contains(page.team())).toList();
                            if (others.isEmpty()) {
                                return Uni.createFrom().voidItem();
                            }
                            String reason = "another team is needed: page " + pageId + " for " + page.service()
                                    + " (team " + page.team() + ") was " + how + " to " + others.stream()
                                    .map(p -> p + " (team " + String.join(", ", teams.get(p)) + ")")
                                    .collect(Collectors.joining(", "));
                            String id = declaredId("another-team-reached", pageId);
                            return declarations.declare(id, new IncidentCommand.Declare("Page for "
                                    + page.service() + " " + how + " to another team", Incident.Severity.SEV2,
                                    List.of(page.service()), List.of(pageId), reason, null, ANOTHER_TEAM));
                        }));
    }

    private Uni<Void> usersAffected(PageOpened page) {
        String reason = "users are affected: the page threatens " + page.service() + "'s user-facing SLO "
                + page.userFacingSlo();
        String id = declaredId("users-affected", page.pageId());
        return declarations.declare(id, new IncidentCommand.Declare(page.summary() == null
                ? "Users affected on " + page.service() : page.summary(), Incident.Severity.SEV2,
                List.of(page.service()), List.of(page.pageId()), reason, null, USERS_AFFECTED));
    }

    /** The id of the incident a rule declares for the page that completed it: the same when redelivered. */
    private static String declaredId(String rule, String pageId) {
        return UUID.nameUUIDFromBytes((rule + "/" + pageId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private Uni<Void> anotherTeam(PageOpened page, String team) {
        Duration window = config.declare().teamsWindow();
        return seen.otherTeams(team, page.openedAt().minus(window), page.openedAt()).chain(others -> {
            if (others.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Map<String, String> teamOf = new LinkedHashMap<>();
            List<String> pageIds = new ArrayList<>();
            for (DeclarationPages.Seen other : others) {
                pageIds.add(other.pageId());
                teamOf.putIfAbsent(other.service(), other.team());
            }
            pageIds.add(page.pageId());
            teamOf.putIfAbsent(page.service(), team);
            List<String> services = List.copyOf(teamOf.keySet());
            String reason = "another team is needed: pages for " + teamOf.entrySet().stream()
                    .map(e -> e.getKey() + " (team " + e.getValue() + ")").collect(Collectors.joining(", "))
                    + " within " + window.toMinutes() + " minutes";
            String id = declaredId("another-team", page.pageId());
            return declarations.declare(id, new IncidentCommand.Declare("Pages for " + String.join(", ", services),
                    Incident.Severity.SEV2, services, pageIds, reason, null, ANOTHER_TEAM));
        });
    }
}
