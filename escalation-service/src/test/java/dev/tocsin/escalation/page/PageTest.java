package dev.tocsin.escalation.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.escalation.config.EscalationPolicy;
import dev.tocsin.escalation.config.EscalationPolicy.Step;
import dev.tocsin.escalation.config.EscalationPolicy.Target;
import dev.tocsin.escalation.config.EscalationPolicy.TargetType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Given these page events, when the deadline passes or the alert resolves, then these events. */
class PageTest {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
    private static final Step PRIMARY = new Step(new Target(TargetType.SCHEDULE_PRIMARY, "s"), Duration.ofMinutes(5));
    private static final Step SECONDARY = new Step(new Target(TargetType.SCHEDULE_SECONDARY, "s"), Duration.ofMinutes(5));

    private static final PageChange OPENED = new PageChange.Opened("p", "a", "checkout", "pol", "errors", "critical",
            Map.of(), List.of("alice"), T);

    private static Page given(PageChange... events) {
        return Page.replay(List.of(events));
    }

    private static EscalationPolicy policy(int repeat) {
        return new EscalationPolicy("pol", "pol", repeat, List.of(PRIMARY, SECONDARY));
    }

    @Test
    void theDeadlineOfStepOneNotifiesStepTwo() {
        // The secondary is paged when the primary misses it (SRE book ch. 11).
        List<PageChange> events = Page.escalate(given(OPENED), policy(0), List.of("bob"), T.plusSeconds(300));
        PageChange.Escalated escalated = assertInstanceOf(PageChange.Escalated.class, events.get(0));
        assertEquals(2, escalated.step());
        assertEquals(1, escalated.round());
        assertEquals(List.of("bob"), escalated.userIds());
    }

    @Test
    void afterTheLastStepThePolicyRepeatsThenTheRunsOut() {
        List<PageChange> history = new ArrayList<>(List.of(OPENED));
        history.addAll(Page.escalate(Page.replay(history), policy(1), List.of("bob"), T));
        List<PageChange> again = Page.escalate(Page.replay(history), policy(1), List.of("alice"), T);
        // repeat 1: the list runs a second time from step 1
        assertEquals(new PageChange.Escalated(1, 2, List.of("alice"), T), again.get(0));
        history.addAll(again);
        history.addAll(Page.escalate(Page.replay(history), policy(1), List.of("bob"), T));
        List<PageChange> last = Page.escalate(Page.replay(history), policy(1), List.of("alice"), T);
        assertInstanceOf(PageChange.Exhausted.class, last.get(0));
        assertEquals(Page.Status.EXHAUSTED, Page.apply(Page.replay(history), last.get(0)).status());
    }

    @Test
    void resolvingStopsEscalation() {
        Page resolved = given(OPENED, new PageChange.Resolved(T));
        assertEquals(Page.Status.RESOLVED, resolved.status());
        assertTrue(Page.escalate(resolved, policy(3), List.of("bob"), T).isEmpty());
    }

    @Test
    void resolvingTwiceChangesNothing() {
        // AlertResolved may be redelivered or sent again by the source.
        assertTrue(Page.resolve(given(OPENED, new PageChange.Resolved(T)), T).isEmpty());
        assertTrue(Page.resolve(null, T).isEmpty());
    }

    @Test
    void anUnroutedPageNeverEscalates() {
        Page unrouted = given(new PageChange.Unrouted("p", "a", "nowhere", "no service", T));
        assertEquals(Page.Status.UNROUTED, unrouted.status());
        assertTrue(Page.escalate(unrouted, policy(0), List.of("bob"), T).isEmpty());
    }

    @Test
    void theVersionCountsEvents() {
        assertEquals(3, given(OPENED, new PageChange.Escalated(2, 1, List.of("bob"), T), new PageChange.Resolved(T)).version());
    }
}
