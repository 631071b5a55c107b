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
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Given these page events, when the deadline passes, someone acknowledges or the alert resolves, then these events. */
class PageTest {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
    private static final Step PRIMARY = new Step(new Target(TargetType.SCHEDULE_PRIMARY, "s"), Duration.ofMinutes(5));
    private static final Step SECONDARY = new Step(new Target(TargetType.SCHEDULE_SECONDARY, "s"), Duration.ofMinutes(5));

    private static final PageChange OPENED = new PageChange.Opened("p", "a", "checkout", "pol", "errors", "critical",
            Map.of(), List.of("alice"), T);
    private static final PageChange ACKNOWLEDGED = new PageChange.Acknowledged("alice", "pagerduty-events-v2",
            T.plusSeconds(60));
    private static final PageChange RESOLVED = new PageChange.Resolved(T.plusSeconds(120));
    private static final Instant LATER = T.plusSeconds(301);

    private static final Function<Page, List<PageChange>> ACKNOWLEDGE =
            page -> Page.acknowledge(page, "bob", "api", LATER);
    private static final Function<Page, List<PageChange>> DEADLINE_PASSES =
            page -> Page.escalate(page, policy(0), List.of("bob"), LATER);
    private static final Function<Page, List<PageChange>> ALERT_RESOLVES = page -> Page.resolve(page, LATER);

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

    static Stream<Arguments> acknowledgement() {
        return Stream.of(
                // Someone took the open page: that is what stops the escalation.
                Arguments.of("open, acknowledge", List.of(OPENED), ACKNOWLEDGE,
                        List.of(new PageChange.Acknowledged("bob", "api", LATER))),
                // A second person, or the same command sent again, must not record a second acknowledgement.
                Arguments.of("acknowledged, acknowledge", List.of(OPENED, ACKNOWLEDGED), ACKNOWLEDGE, List.of()),
                // A late acknowledgement cannot reopen or relabel a page its alert already closed.
                Arguments.of("resolved, acknowledge", List.of(OPENED, RESOLVED), ACKNOWLEDGE, List.of()),
                // Nobody acknowledged in time; taking it afterwards does not rewrite that.
                Arguments.of("exhausted, acknowledge", List.of(OPENED, new PageChange.Exhausted(T)), ACKNOWLEDGE, List.of()),
                // Nobody was paged, so there is nothing to acknowledge.
                Arguments.of("unrouted, acknowledge", List.of(new PageChange.Unrouted("p", "a", "nowhere", "none", T)),
                        ACKNOWLEDGE, List.of()),
                // The whole point: once acknowledged, a passing step deadline notifies nobody.
                Arguments.of("acknowledged, deadline passes", List.of(OPENED, ACKNOWLEDGED), DEADLINE_PASSES, List.of()),
                // An acknowledged page still ends when its alert resolves, or it would stay taken forever.
                Arguments.of("acknowledged, alert resolves", List.of(OPENED, ACKNOWLEDGED), ALERT_RESOLVES,
                        List.of(new PageChange.Resolved(LATER))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acknowledgement")
    void acknowledgement(String name, List<PageChange> given, Function<Page, List<PageChange>> when,
            List<PageChange> then) {
        assertEquals(then, when.apply(Page.replay(given)));
    }

    @Test
    void anAcknowledgedPageStaysAcknowledgedUntilItsAlertResolves() {
        Page acknowledged = given(OPENED, ACKNOWLEDGED);
        assertEquals(Page.Status.ACKNOWLEDGED, acknowledged.status());
        // Who was notified last stays as it was: acknowledging is not a step.
        assertEquals(1, acknowledged.step());
        assertEquals(Page.Status.RESOLVED, given(OPENED, ACKNOWLEDGED, RESOLVED).status());
    }
}
