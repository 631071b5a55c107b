package dev.tocsin.escalation.page;

import dev.tocsin.escalation.page.PageChange.Acknowledged;
import dev.tocsin.escalation.page.PageChange.AcknowledgementExpired;
import dev.tocsin.escalation.page.PageChange.Escalated;
import dev.tocsin.escalation.page.PageChange.Exhausted;
import dev.tocsin.escalation.page.PageChange.Opened;
import dev.tocsin.escalation.page.PageChange.PolicyAdopted;
import dev.tocsin.escalation.page.PageChange.Reassigned;
import dev.tocsin.escalation.page.PageChange.Renotified;
import dev.tocsin.escalation.page.PageChange.Resolved;
import dev.tocsin.escalation.page.PageChange.Snoozed;
import dev.tocsin.escalation.page.PageChange.Unrouted;
import dev.tocsin.escalation.page.PageCommand.Acknowledge;
import dev.tocsin.escalation.page.PageCommand.EscalateNow;
import dev.tocsin.escalation.page.PageCommand.Open;
import dev.tocsin.escalation.page.PageCommand.Reassign;
import dev.tocsin.escalation.page.PageCommand.Resolve;
import dev.tocsin.escalation.page.PageCommand.Snooze;
import dev.tocsin.escalation.page.PageCommand.StepDue;
import java.time.Duration;
import dev.tocsin.events.alert.Drill;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Page aggregate: one page of one alert, escalating step after step of its policy snapshot
 * until someone acknowledges (for a while, when acknowledgements expire) or it resolves, the whole list again while repeats remain, then
 * exhausted. {@link #decide} and {@link #apply} are pure; loading, routing and recording happen
 * outside (in {@link PageCommands} and the engine).
 *
 * @param policy the policy snapshot the page runs on; null for a page opened before pages kept one
 *     and not yet adopted ({@link PageChange.PolicyAdopted}), and for an unrouted page
 * @param dueAt when the page's deadline (its step's, its snooze's, or its acknowledgement's expiry)
 *     passes; null when none runs
 * @param openedAt when the page was opened (or found unroutable), for the acknowledgement latency
 * @param version the number of events the page has
 * @param urgencyReason why its alert pages, as alert-ingest decided; null when unknown
 */
public record Page(String id, String alertId, String service, String policyId, Status status, int step, int round,
        String summary, String severity, Map<String, String> labels, PolicySnapshot policy, Instant dueAt,
        Instant openedAt, int version, String urgencyReason) {

    /** The longest snooze: a page snoozed for longer is one somebody forgot. */
    public static final Duration MAX_SNOOZE = Duration.ofHours(24);

    public enum Status {
        /** Not opened yet: never stored, never shown. */
        NEW,
        OPEN,
        ACKNOWLEDGED,
        SNOOZED,
        RESOLVED,
        EXHAUSTED,
        UNROUTED;

        /** The statuses a page can be listed by. */
        public static List<Status> shown() {
            return List.of(OPEN, ACKNOWLEDGED, SNOOZED, RESOLVED, EXHAUSTED, UNROUTED);
        }

        /** Still about an alert that fires, with somebody paged: what people can act on. */
        boolean live() {
            return this == OPEN || this == ACKNOWLEDGED || this == SNOOZED || this == EXHAUSTED;
        }
    }

    public static Page empty(String id) {
        return new Page(id, null, null, null, Status.NEW, 0, 0, null, null, Map.of(), null, null, null, 0, null);
    }

    public static Page replay(String id, List<PageChange> events) {
        Page page = empty(id);
        for (PageChange event : events) {
            page = page.apply(event);
        }
        return page;
    }

    /**
     * What happens on {@code command}: the events to record, empty when it changes nothing (a
     * repeated acknowledgement, a deadline left over), or {@link PageRefused} when the page cannot
     * do it in its state.
     */
    public List<PageChange> decide(PageCommand command, PageContext context) {
        Instant now = context.now();
        return switch (command) {
            case Open c -> open(c, context);
            case StepDue c -> due(c, context);
            case Acknowledge c -> switch (status) {
                case OPEN, SNOOZED, EXHAUSTED -> List.of(new Acknowledged(c.actor().by(), c.actor().via(), now,
                        context.acknowledgementExpiry() == null ? null : now.plus(context.acknowledgementExpiry())));
                // Someone else took it first, or the same command came again: one acknowledgement is kept.
                case ACKNOWLEDGED -> List.of();
                case NEW, RESOLVED, UNROUTED -> throw refused("acknowledged");
            };
            case Resolve c -> switch (status) {
                // An unrouted page closes too: it keeps its reason, and stops counting as open unrouted.
                case OPEN, ACKNOWLEDGED, SNOOZED, EXHAUSTED, UNROUTED -> List.of(new Resolved(c.actor().by(),
                        c.actor().via(), now));
                // A resolution sent again, or an alert without a page (a ticket, a silenced alert).
                case NEW, RESOLVED -> List.of();
            };
            case Snooze c -> {
                if (!status.live()) {
                    throw refused("snoozed");
                }
                if (!c.until().isAfter(now) || c.until().isAfter(now.plus(MAX_SNOOZE))) {
                    throw new IllegalArgumentException("a snooze must end after " + now + " and within "
                            + MAX_SNOOZE + ", not at " + c.until());
                }
                yield List.of(new Snoozed(c.until(), c.actor().by(), c.actor().via(), now));
            }
            case Reassign c -> reassign(c, context);
            case EscalateNow c -> escalateNow(c, context);
        };
    }

    private List<PageChange> open(Open c, PageContext context) {
        if (status != Status.NEW) {
            // The alert was delivered again: one page per alert.
            return List.of();
        }
        Instant now = context.now();
        if (c.policy() == null) {
            return List.of(new Unrouted(c.pageId(), c.alertId(), c.service(), c.unroutable(), now));
        }
        List<String> people = context.people().apply(c.policy().step(1));
        if (people.isEmpty()) {
            return List.of(new Unrouted(c.pageId(), c.alertId(), c.service(),
                    "step 1 of " + c.policy().policyId() + " names nobody on call", now));
        }
        return List.of(new Opened(c.pageId(), c.alertId(), c.service(), c.policy().policyId(), c.summary(),
                c.severity(), c.labels(), people, c.policy(), now, c.routedBy(), c.urgencyReason(), c.userFacingSlo()));
    }

    /**
     * The page's deadline passed: its step's (the next step), its snooze's (the current step's
     * people again), or its acknowledgement's expiry (the alert still fires, since the page is not
     * resolved: the policy again from its first step).
     */
    private List<PageChange> due(StepDue c, PageContext context) {
        Instant now = context.now();
        boolean waiting = status == Status.OPEN || status == Status.SNOOZED
                // An acknowledgement that never expires has no deadline.
                || (status == Status.ACKNOWLEDGED && dueAt != null);
        if (!waiting || (dueAt != null && now.isBefore(dueAt))) {
            // Resolved or exhausted meanwhile, or a deadline from before the page moved.
            return List.of();
        }
        List<PageChange> events = new ArrayList<>(adoption(context));
        PolicySnapshot running = running(context);
        if (running == null) {
            // An old page whose policy was deleted before it adopted one: nobody left on it to notify.
            events.add(exhausted(context));
            return events;
        }
        if (status == Status.ACKNOWLEDGED) {
            events.add(new AcknowledgementExpired(1, 1, context.people().apply(running.step(1)), now));
            return events;
        }
        if (status == Status.SNOOZED) {
            int current = Math.min(step, running.steps().size());
            events.add(new Renotified(current, round, context.people().apply(running.step(current)), now));
            return events;
        }
        Next next = next(running);
        if (next.round() > running.repeat() + 1) {
            events.add(exhausted(context));
            return events;
        }
        events.add(new Escalated(next.step(), next.round(), context.people().apply(running.step(next.step())),
                c.actor().by(), c.actor().via(), now));
        return events;
    }

    private List<PageChange> reassign(Reassign c, PageContext context) {
        if (!status.live()) {
            throw refused("reassigned");
        }
        if ((c.userId() == null) == (c.policy() == null)) {
            throw new IllegalArgumentException("a reassignment names a person or a policy, not " + c);
        }
        Instant now = context.now();
        if (c.policy() != null) {
            List<String> people = context.people().apply(c.policy().step(1));
            if (people.isEmpty()) {
                throw new PageRefused(status, "step 1 of escalation policy " + c.policy().policyId()
                        + " names nobody on call now; page " + id + " stays as it is");
            }
            return List.of(new Reassigned(null, c.policy(), 1, 1, people, c.actor().by(), c.actor().via(), now));
        }
        List<PageChange> events = new ArrayList<>(adoption(context));
        events.add(new Reassigned(c.userId(), null, step, round, List.of(c.userId()), c.actor().by(),
                c.actor().via(), now));
        return events;
    }

    private List<PageChange> escalateNow(EscalateNow c, PageContext context) {
        if (!status.live()) {
            throw refused("escalated");
        }
        PolicySnapshot running = running(context);
        if (running == null) {
            throw new PageRefused(status, "page " + id + " has no escalation policy left to escalate on");
        }
        Next next = next(running);
        if (status == Status.EXHAUSTED || next.round() > running.repeat() + 1) {
            throw new PageRefused(status, "page " + id + " is at the last step of its escalation policy; "
                    + "reassign it to reach someone else");
        }
        List<PageChange> events = new ArrayList<>(adoption(context));
        events.add(new Escalated(next.step(), next.round(), context.people().apply(running.step(next.step())),
                c.actor().by(), c.actor().via(), context.now()));
        return events;
    }

    /** The policy ran out: its fallback contact is told, when there is one (not someone the last step just paged twice). */
    private static Exhausted exhausted(PageContext context) {
        return new Exhausted(context.now(),
                context.fallbackContact() == null ? List.of() : List.of(context.fallbackContact()));
    }

    /** Whether the page's next deadline ends its policy: what the caller must read the fallback contact for. */
    public boolean exhaustsNext(PolicySnapshot running) {
        return (status == Status.OPEN) && (running == null || next(running).round() > running.repeat() + 1);
    }

    /** The policy the page runs on, or for an old page without one, the live policy read in its place. */
    private PolicySnapshot running(PageContext context) {
        return policy != null ? policy : context.legacyPolicy();
    }

    /** An old page takes the live policy as its snapshot the first time it needs one, and keeps it. */
    private List<PageChange> adoption(PageContext context) {
        return policy == null && context.legacyPolicy() != null
                ? List.of(new PolicyAdopted(context.legacyPolicy(), context.now())) : List.of();
    }

    /** Which step and round follow the current one. */
    Next next(PolicySnapshot running) {
        return step < running.steps().size() ? new Next(step + 1, round) : new Next(1, round + 1);
    }

    record Next(int step, int round) {
    }

    private PageRefused refused(String what) {
        String state = switch (status) {
            case NEW -> "not open";
            case UNROUTED -> "unrouted (nobody was paged)";
            default -> status.name().toLowerCase(Locale.ROOT);
        };
        return new PageRefused(status, "page " + id + " is " + state + "; it can no longer be " + what);
    }

    /** The drill this page is for ({@link Drill}), null for a real alert's page. */
    public String drillId() {
        return Drill.idOf(labels);
    }

    public Page apply(PageChange event) {
        return switch (event) {
            case Opened o -> new Page(o.pageId(), o.alertId(), o.service(), o.policyId(), Status.OPEN, 1, 1,
                    o.summary(), o.severity(), o.labels(), o.policy(), deadline(o.policy(), 1, o.at()), o.at(), 1, o.urgencyReason());
            case Unrouted u -> new Page(u.pageId(), u.alertId(), u.service(), null, Status.UNROUTED, 0, 0, null, null,
                    Map.of(), null, null, u.at(), 1, null);
            case PolicyAdopted a -> new Page(id, alertId, service, policyId, status, step, round, summary, severity,
                    labels, a.policy(), dueAt, openedAt, version + 1, urgencyReason);
            case Escalated e -> with(Status.OPEN, e.step(), e.round(), deadline(policy, e.step(), e.at()));
            case Renotified r -> with(Status.OPEN, r.step(), r.round(), deadline(policy, r.step(), r.at()));
            case Reassigned r -> {
                PolicySnapshot next = r.policy() != null ? r.policy() : policy;
                yield new Page(id, alertId, service, next == null ? policyId : next.policyId(), Status.OPEN,
                        r.step(), r.round(), summary, severity, labels, next, deadline(next, r.step(), r.at()),
                        openedAt, version + 1, urgencyReason);
            }
            case Snoozed s -> with(Status.SNOOZED, step, round, s.until());
            case Acknowledged a -> with(Status.ACKNOWLEDGED, step, round, a.expiresAt());
            case AcknowledgementExpired x -> with(Status.OPEN, x.step(), x.round(), deadline(policy, x.step(), x.at()));
            case Exhausted x -> with(Status.EXHAUSTED, step, round, null);
            case Resolved r -> with(Status.RESOLVED, step, round, null);
        };
    }

    private static Instant deadline(PolicySnapshot policy, int step, Instant from) {
        return policy == null || step < 1 || step > policy.steps().size()
                ? null : from.plus(policy.step(step).deadline());
    }

    private Page with(Status status, int step, int round, Instant dueAt) {
        return new Page(id, alertId, service, policyId, status, step, round, summary, severity, labels, policy, dueAt,
                openedAt, version + 1, urgencyReason);
    }
}
