package dev.tocsin.escalation.page;

import dev.tocsin.escalation.policy.store.Policies;
import dev.tocsin.escalation.schedule.store.Schedules;
import dev.tocsin.escalation.service.store.Services;
import dev.tocsin.escalation.policy.EscalationPolicy;
import dev.tocsin.escalation.service.ServiceDefinition;
import dev.tocsin.escalation.EscalationConfig;
import dev.tocsin.eventing.Deadlines;
import dev.tocsin.eventing.Sql;
import dev.tocsin.escalation.team.TeamRoster;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import dev.tocsin.escalation.page.store.Pages;

/**
 * Carries out a command on a page, however it arrived (REST, {@code tocsin.page-commands}, an
 * alert, a deadline): loads the page, reads what {@link Page#decide} needs (the schedules its
 * policy names, for an old page the live policy), decides, records, and keeps the page's deadline
 * where the page says it is due. Must run inside {@link dev.tocsin.eventing.AfterCommit#transaction}
 * (see {@link Pages}).
 */
@ApplicationScoped
public class PageCommands {

    public static final String DEADLINE = "page.step";

    /**
     * What came of a command.
     *
     * @param before the page as it was ({@link Page.Status#NEW} when there is no such page)
     * @param changes what was recorded; empty when the command changed nothing
     */
    public record Result(Page before, Page after, List<PageChange> changes) {
    }

    private final Pages pages;
    private final Policies policies;
    private final Services services;
    private final Schedules schedules;
    private final Deadlines deadlines;
    private final Clock clock;
    private final Duration acknowledgementExpiry;
    private final TeamRoster roster;
    private final EscalationConfig config;

    PageCommands(Pages pages, Policies policies, Services services, Schedules schedules, Deadlines deadlines,
            Clock clock, TeamRoster roster, EscalationConfig config) {
        this.roster = roster;
        this.config = config;
        this.pages = pages;
        this.policies = policies;
        this.services = services;
        this.schedules = schedules;
        this.deadlines = deadlines;
        this.clock = clock;
        this.acknowledgementExpiry = config.acknowledgementExpiry().orElse(null);
        if (acknowledgementExpiry != null && (acknowledgementExpiry.isNegative() || acknowledgementExpiry.isZero())) {
            throw new IllegalArgumentException("tocsin.escalation.acknowledgement-expiry must be positive, not "
                    + acknowledgementExpiry);
        }
    }

    /**
     * Decides and records {@code command}; fails with {@link PageRefused} when the page cannot do it.
     * A page that does not exist is {@link Page.Status#NEW} in the result, and nothing is recorded.
     */
    public Uni<Result> handle(String pageId, PageCommand command) {
        return pages.load(pageId).chain(page -> decide(page, command))
                .call(result -> result.changes().isEmpty() ? Uni.createFrom().voidItem() : follow(result.after()));
    }

    /**
     * The snapshot a page of {@code serviceId} reassigned to {@code policyId} would run on, its
     * deadlines resolved by the service's criticality; empty when there is no such policy.
     */
    Uni<Optional<PolicySnapshot>> snapshot(String policyId, String serviceId) {
        return policies.get(policyId).chain(policy -> policy.isEmpty()
                ? Uni.createFrom().item(Optional.<PolicySnapshot>empty())
                : services.get(serviceId).map(service -> Optional.of(
                        PolicySnapshot.of(policy.get(), service.map(ServiceDefinition::criticality).orElse(null)))));
    }

    /**
     * Reassigns the page to another policy, on a snapshot of it taken now with the page's service's
     * criticality; fails with {@link NoSuchPolicy} when there is none of that id.
     */
    public Uni<Result> reassignToPolicy(String pageId, String policyId, PageCommand.Actor actor) {
        return pages.load(pageId).chain(page -> {
            if (page.status() == Page.Status.NEW) {
                return decide(page, new PageCommand.Reassign(null, null, actor));
            }
            return snapshot(policyId, page.service()).chain(policy -> policy
                    .map(p -> decide(page, new PageCommand.Reassign(null, p, actor)))
                    .orElseGet(() -> Uni.createFrom().failure(new NoSuchPolicy(policyId))));
        }).call(result -> result.changes().isEmpty() ? Uni.createFrom().voidItem() : follow(result.after()));
    }

    /** A reassignment named a policy that does not exist. */
    public static class NoSuchPolicy extends RuntimeException {

        public NoSuchPolicy(String policyId) {
            super("'" + policyId + "' does not exist");
        }
    }

    /** The page's deadline passed; for the engine, which moves or drops the deadline itself: when it is next due. */
    public Uni<Optional<Instant>> due(String pageId) {
        return pages.load(pageId).chain(page -> decide(page, new PageCommand.StepDue(PageCommand.Actor.DEADLINE)))
                .map(result -> Optional.ofNullable(result.after().dueAt()));
    }

    private Uni<Result> decide(Page page, PageCommand command) {
        Instant now = clock.instant();
        return legacyPolicy(page, command).chain(legacy -> {
            PolicySnapshot proposed = command instanceof PageCommand.Reassign r ? r.policy() : null;
            List<PolicySnapshot.Step> steps = Stream.of(page.policy(), legacy, proposed)
                    .filter(p -> p != null).flatMap(p -> p.steps().stream()).toList();
            List<String> scheduleIds = steps.stream().flatMap(step -> step.targets().stream())
                    .filter(target -> target.type().schedule())
                    .map(EscalationPolicy.Target::id).distinct().toList();
            PolicySnapshot running = page.policy() != null ? page.policy() : legacy;
            boolean exhausts = command instanceof PageCommand.StepDue && page.exhaustsNext(running);
            // Independent reads, pipelined on the transaction's connection.
            return Uni.combine().all().unis(schedules.getAll(scheduleIds), teams(steps),
                            exhausts ? fallbackContact(page.service()) : Uni.createFrom().<String>nullItem())
                    .asTuple().chain(read -> {
                        PageContext context = new PageContext(now, step -> StepRouting.people(step, read.getItem1(),
                                read.getItem2(), now), legacy, acknowledgementExpiry, read.getItem3());
                        return decided(page, command, context);
                    });
        });
    }

    /**
     * The teams the page's steps name: their responders, and their round-robin turns as they stand
     * (a later step takes no turn; only opening a page moves a team's turn on).
     */
    private Uni<StepRouting.Teams> teams(List<PolicySnapshot.Step> steps) {
        List<String> all = StepRouting.teams(steps, EscalationPolicy.TargetType.TEAM_ALL,
                EscalationPolicy.TargetType.TEAM_ROUND_ROBIN);
        if (all.isEmpty()) {
            return Uni.createFrom().item(StepRouting.Teams.NONE);
        }
        return Uni.combine().all().unis(roster.responders(all),
                        roster.turns(StepRouting.teams(steps, EscalationPolicy.TargetType.TEAM_ROUND_ROBIN)))
                .with(StepRouting.Teams::new);
    }

    /**
     * Who is told when a page of {@code serviceId} runs out of its policy: the service's team's
     * fallback contact, else {@code tocsin.escalation.fallback-contact}; null when neither is set.
     */
    Uni<String> fallbackContact(String serviceId) {
        String system = config.fallbackContact().orElse(null);
        return services.get(serviceId).chain(service -> {
            String team = service.map(ServiceDefinition::team).orElse(null);
            if (team == null) {
                return Uni.createFrom().item(system);
            }
            return roster.routing(List.of(team)).map(found -> {
                TeamRoster.Routing routing = found.get(team);
                return routing != null && routing.fallbackContact() != null ? routing.fallbackContact() : system;
            });
        });
    }

    private Uni<Result> decided(Page page, PageCommand command, PageContext context) {
        return Uni.createFrom().item(() -> page.decide(command, context)).chain(changes -> {
            Page after = page;
            for (PageChange change : changes) {
                after = after.apply(change);
            }
            Result result = new Result(page, after, changes);
            return pages.record(page, page.id(), changes).replaceWith(result);
        });
    }

    /**
     * A page opened before pages kept their policy reads the live policy once, the first time a
     * command needs its steps; {@link Page#decide} then records it as the page's snapshot
     * ({@link PageChange.PolicyAdopted}), so later steps never read the live policy again.
     */
    private Uni<PolicySnapshot> legacyPolicy(Page page, PageCommand command) {
        boolean needsSteps = switch (command) {
            case PageCommand.StepDue c -> true;
            case PageCommand.Reassign c -> c.userId() != null;
            case PageCommand.EscalateNow c -> true;
            case PageCommand.Open c -> false;
            case PageCommand.Acknowledge c -> false;
            case PageCommand.Resolve c -> false;
            case PageCommand.Snooze c -> false;
        };
        if (!needsSteps || page.policy() != null || page.policyId() == null) {
            return Uni.createFrom().nullItem();
        }
        return snapshot(page.policyId(), page.service()).map(policy -> policy.orElse(null));
    }

    /**
     * Records what was decided on many pages together (a poll of alerts, with a context its caller
     * read at once) and keeps each page's deadline, in a constant number of statements however many
     * pages there are: the events, projection and outbox writes of {@link Pages#recordAll}, one arming
     * of every deadline still running and one cancelling of every deadline that ended.
     */
    public Uni<Void> recordAll(List<Pages.Decided> decided) {
        List<Pages.Decided> changed = decided.stream().filter(d -> !d.changes().isEmpty()).toList();
        List<Deadlines.Arm> arms = new ArrayList<>();
        List<String> cancels = new ArrayList<>();
        for (Pages.Decided page : changed) {
            Instant dueAt = page.after().dueAt();
            if (dueAt != null) {
                arms.add(new Deadlines.Arm(DEADLINE, page.pageId(), dueAt, "{}"));
            } else {
                cancels.add(page.pageId());
            }
        }
        return pages.recordAll(changed).chain(() -> deadlines.arm(arms))
                .chain(() -> deadlines.cancel(Sql.connection(), DEADLINE, cancels));
    }

    /** Keeps the page's one deadline where the page is next due, or removes it. */
    private Uni<Void> follow(Page after) {
        return after.dueAt() != null ? deadlines.arm(DEADLINE, after.id(), after.dueAt(), "{}")
                : deadlines.cancel(DEADLINE, after.id());
    }
}
