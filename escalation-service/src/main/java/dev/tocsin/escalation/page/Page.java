package dev.tocsin.escalation.page;

import dev.tocsin.escalation.config.EscalationPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The state of one page and the pure rules of its escalation: step after step of its policy
 * until someone acknowledges or the alert resolves, the whole list again while repeats remain,
 * then exhausted.
 *
 * @param openedAt when the page was opened (or found unroutable), for the acknowledgement latency
 * @param version the number of events the page has
 */
public record Page(String id, String alertId, String service, String policyId, Status status, int step, int round,
        String summary, String severity, Map<String, String> labels, Instant openedAt, int version) {

    public enum Status {
        OPEN,
        ACKNOWLEDGED,
        RESOLVED,
        EXHAUSTED,
        UNROUTED
    }

    /** The step a deadline passing leads to, or exhaustion; nothing unless the page is open. */
    public static List<PageChange> escalate(Page page, EscalationPolicy policy, List<String> nextUsers, Instant now) {
        if (page == null || page.status != Status.OPEN) {
            return List.of();
        }
        Next next = next(page, policy);
        if (next.round > policy.repeat() + 1) {
            return List.of(new PageChange.Exhausted(now));
        }
        return List.of(new PageChange.Escalated(next.step, next.round, nextUsers, now));
    }

    /** Which step and round follow the current one. */
    public static Next next(Page page, EscalationPolicy policy) {
        return page.step < policy.steps().size() ? new Next(page.step + 1, page.round) : new Next(1, page.round + 1);
    }

    public record Next(int step, int round) {
    }

    /**
     * Acknowledging stops escalation. Only an open page can be acknowledged: a repeated or late
     * acknowledgement (the page resolved, ran out, or someone took it already) changes nothing.
     */
    public static List<PageChange> acknowledge(Page page, String by, String via, Instant now) {
        return page != null && page.status == Status.OPEN
                ? List.of(new PageChange.Acknowledged(by, via, now)) : List.of();
    }

    /**
     * Resolving ends the page, also an acknowledged one (it is closed by its alert's resolution);
     * resolving a page that already ended changes nothing.
     */
    public static List<PageChange> resolve(Page page, Instant now) {
        return page != null && (page.status == Status.OPEN || page.status == Status.ACKNOWLEDGED)
                ? List.of(new PageChange.Resolved(now)) : List.of();
    }

    public static Page apply(Page page, PageChange event) {
        return switch (event) {
            case PageChange.Opened o -> new Page(o.pageId(), o.alertId(), o.service(), o.policyId(), Status.OPEN, 1, 1,
                    o.summary(), o.severity(), o.labels(), o.at(), 1);
            case PageChange.Unrouted u -> new Page(u.pageId(), u.alertId(), u.service(), null, Status.UNROUTED, 0, 0,
                    null, null, Map.of(), u.at(), 1);
            case PageChange.Escalated e -> page.with(Status.OPEN, e.step(), e.round());
            case PageChange.Acknowledged a -> page.with(Status.ACKNOWLEDGED, page.step, page.round);
            case PageChange.Exhausted x -> page.with(Status.EXHAUSTED, page.step, page.round);
            case PageChange.Resolved r -> page.with(Status.RESOLVED, page.step, page.round);
        };
    }

    public static Page replay(List<PageChange> events) {
        Page page = null;
        for (PageChange event : events) {
            page = apply(page, event);
        }
        return page;
    }

    private Page with(Status status, int step, int round) {
        return new Page(id, alertId, service, policyId, status, step, round, summary, severity, labels, openedAt,
                version + 1);
    }
}
