package dev.tocsin.escalation.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.escalation.policy.EscalationPolicy;
import dev.tocsin.escalation.policy.EscalationPolicy.Target;
import dev.tocsin.escalation.service.ServiceDefinition.Criticality;
import dev.tocsin.escalation.policy.EscalationPolicy.TargetType;
import dev.tocsin.escalation.page.PageChange.Acknowledged;
import dev.tocsin.escalation.page.PageChange.Escalated;
import dev.tocsin.escalation.page.PageChange.Exhausted;
import dev.tocsin.escalation.page.PageChange.Opened;
import dev.tocsin.escalation.page.PageChange.PolicyAdopted;
import dev.tocsin.escalation.page.PageChange.Reassigned;
import dev.tocsin.escalation.page.PageChange.Renotified;
import dev.tocsin.escalation.page.PageChange.Resolved;
import dev.tocsin.escalation.page.PageChange.Snoozed;
import dev.tocsin.escalation.page.PageChange.Unrouted;
import dev.tocsin.escalation.page.PageCommand.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Given these page events, when this command, then these events, or this refusal. */
class PageTest {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant LATER = T.plusSeconds(301);
    private static final Actor BOB = new Actor("bob", "api");
    private static final PolicySnapshot.Step PRIMARY = new PolicySnapshot.Step(
            List.of(new Target(TargetType.SCHEDULE_PRIMARY, "s")), Duration.ofMinutes(5));
    private static final PolicySnapshot.Step SECONDARY = new PolicySnapshot.Step(
            List.of(new Target(TargetType.SCHEDULE_SECONDARY, "s")), Duration.ofMinutes(10));
    private static final PolicySnapshot POLICY = new PolicySnapshot("pol", 0, List.of(PRIMARY, SECONDARY));
    private static final PolicySnapshot OTHER = new PolicySnapshot("other", 0, List.of(
            new PolicySnapshot.Step(List.of(new Target(TargetType.USER, "carol")), Duration.ofMinutes(15))));

    private static final PageChange OPENED = new Opened("p", "a", "checkout", "pol", "errors", "critical", Map.of(),
            List.of("alice"), POLICY, T, RoutedBy.SERVICE);
    /** A page opened before pages kept their policy. */
    private static final PageChange OPENED_BEFORE_SNAPSHOTS = new Opened("p", "a", "checkout", "pol", "errors",
            "critical", Map.of(), List.of("alice"), null, T);
    private static final PageChange ACKNOWLEDGED = new Acknowledged("alice", "pagerduty-events-v2", T.plusSeconds(60));
    private static final PageChange RESOLVED = new Resolved(null, "alert", T.plusSeconds(120));
    private static final PageChange EXHAUSTED = new Exhausted(T.plusSeconds(200));
    private static final PageChange UNROUTED = new Unrouted("p", "a", "nowhere", "no service", T);
    private static final PageChange SNOOZED = new Snoozed(T.plusSeconds(3600), "alice", "api", T.plusSeconds(60));

    /**
     * Who each target names now: alice is primary, bob secondary, a user target is that user; team
     * targets (routed by {@link StepRouting}, tested there) carol and dave.
     */
    private static List<String> people(PolicySnapshot.Step step) {
        return step.targets().stream().flatMap(t -> switch (t.type()) {
            case SCHEDULE_PRIMARY -> Stream.of("alice");
            case SCHEDULE_SECONDARY -> Stream.of("bob");
            case USER -> Stream.of(t.id());
            case TEAM_ROUND_ROBIN -> Stream.of("carol");
            case TEAM_ALL -> Stream.of("carol", "dave");
        }).toList();
    }

    private static PageContext at(Instant now) {
        return new PageContext(now, PageTest::people);
    }

    private static Page given(PageChange... events) {
        return Page.replay("p", List.of(events));
    }

    private static List<PageChange> when(Page page, PageCommand command, Instant now) {
        return page.decide(command, at(now));
    }

    @Test
    void openingNotifiesStepOneAndRunsOnTheSnapshot() {
        PageCommand.Open open = new PageCommand.Open("p", "a", "checkout", "errors", "critical", Map.of(), POLICY,
                null, Actor.ALERT);
        List<PageChange> events = when(Page.empty("p"), open, T);
        assertEquals(List.of(OPENED), events);
        Page page = given(OPENED);
        // The step's deadline comes from the snapshot, so editing the policy later cannot move it.
        assertEquals(T.plus(Duration.ofMinutes(5)), page.dueAt());
        assertEquals(POLICY, page.policy());
        // The same alert delivered again opens nothing.
        assertEquals(List.of(), when(page, open, T));
    }

    @Test
    void aPolicyWhoseFirstStepNamesNobodyLeavesThePageUnroutedWithTheReason() {
        PolicySnapshot empty = new PolicySnapshot("pol", 0, List.of(new PolicySnapshot.Step(List.of(),
                Duration.ofMinutes(5))));
        List<PageChange> events = when(Page.empty("p"), new PageCommand.Open("p", "a", "checkout", "errors",
                "critical", Map.of(), empty, null, Actor.ALERT), T);
        assertEquals(List.of(new Unrouted("p", "a", "checkout", "step 1 of pol names nobody on call", T)), events);
    }

    @Test
    void theDeadlineOfStepOneNotifiesStepTwoAndArmsItsDeadline() {
        // The secondary is paged when the primary misses it (SRE book ch. 11).
        List<PageChange> events = when(given(OPENED), new PageCommand.StepDue(Actor.DEADLINE), LATER);
        assertEquals(List.of(new Escalated(2, 1, List.of("bob"), null, "deadline", LATER)), events);
        assertEquals(LATER.plus(Duration.ofMinutes(10)), given(OPENED, events.get(0)).dueAt());
    }

    @Test
    void aDeadlineFiringBeforeThePageIsDueChangesNothing() {
        // A deadline row left from before the page moved (snoozed, reassigned) must not skip a step.
        assertEquals(List.of(), when(given(OPENED), new PageCommand.StepDue(Actor.DEADLINE), T.plusSeconds(10)));
    }

    @Test
    void afterTheLastStepThePolicyRepeatsThenRunsOut() {
        PolicySnapshot repeatOnce = new PolicySnapshot("pol", 1, List.of(PRIMARY, SECONDARY));
        List<PageChange> history = new ArrayList<>(List.of(new Opened("p", "a", "checkout", "pol", "errors",
                "critical", Map.of(), List.of("alice"), repeatOnce, T)));
        Instant now = T;
        for (int i = 0; i < 3; i++) {
            now = now.plus(Duration.ofHours(1));
            history.addAll(when(Page.replay("p", history), new PageCommand.StepDue(Actor.DEADLINE), now));
        }
        // repeat 1: the list runs a second time from step 1
        assertEquals(new Escalated(1, 2, List.of("alice"), null, "deadline", T.plus(Duration.ofHours(2))),
                history.get(2));
        List<PageChange> last = when(Page.replay("p", history), new PageCommand.StepDue(Actor.DEADLINE),
                now.plus(Duration.ofHours(1)));
        assertEquals(List.of(new Exhausted(now.plus(Duration.ofHours(1)))), last);
        Page exhausted = Page.replay("p", history).apply(last.get(0));
        assertEquals(Page.Status.EXHAUSTED, exhausted.status());
        assertNull(exhausted.dueAt(), "an exhausted page has no deadline left");
    }

    static Stream<Arguments> commands() {
        PageCommand acknowledge = new PageCommand.Acknowledge(BOB);
        PageCommand resolve = new PageCommand.Resolve(BOB);
        PageCommand due = new PageCommand.StepDue(Actor.DEADLINE);
        PageCommand snooze = new PageCommand.Snooze(LATER.plusSeconds(3600), BOB);
        PageCommand escalate = new PageCommand.EscalateNow(BOB);
        return Stream.of(
                // Someone took the open page: that is what stops the escalation.
                Arguments.of("open, acknowledge", List.of(OPENED), acknowledge,
                        List.of(new Acknowledged("bob", "api", LATER))),
                // A second person, or the same command sent again, must not record a second acknowledgement.
                Arguments.of("acknowledged, acknowledge", List.of(OPENED, ACKNOWLEDGED), acknowledge, List.of()),
                // Nobody answered in time, but the alert still fires: whoever takes it now must be able to say so.
                Arguments.of("exhausted, acknowledge", List.of(OPENED, EXHAUSTED), acknowledge,
                        List.of(new Acknowledged("bob", "api", LATER))),
                // Taking a snoozed page ends the snooze: nobody is notified when it would have run out.
                Arguments.of("snoozed, acknowledge", List.of(OPENED, SNOOZED), acknowledge,
                        List.of(new Acknowledged("bob", "api", LATER))),
                // The whole point: once acknowledged, a passing step deadline notifies nobody.
                Arguments.of("acknowledged, deadline passes", List.of(OPENED, ACKNOWLEDGED), due, List.of()),
                // Nor once resolved.
                Arguments.of("resolved, deadline passes", List.of(OPENED, RESOLVED), due, List.of()),
                // An unrouted page has nobody to escalate to.
                Arguments.of("unrouted, deadline passes", List.of(UNROUTED), due, List.of()),
                // An acknowledged page still ends when its alert resolves, or it would stay taken forever.
                Arguments.of("acknowledged, resolve", List.of(OPENED, ACKNOWLEDGED), resolve,
                        List.of(new Resolved("bob", "api", LATER))),
                // An exhausted page ends too when its alert finally resolves.
                Arguments.of("exhausted, resolve", List.of(OPENED, EXHAUSTED), resolve,
                        List.of(new Resolved("bob", "api", LATER))),
                // AlertResolved may be redelivered or sent again by the source.
                Arguments.of("resolved, resolve", List.of(OPENED, RESOLVED), resolve, List.of()),
                // Most alerts have no page (tickets, silenced): their resolution finds nothing to end.
                Arguments.of("no page, resolve", List.of(), resolve, List.of()),
                // Snoozing stops escalation until a time, on an open or acknowledged page alike.
                Arguments.of("open, snooze", List.of(OPENED), snooze,
                        List.of(new Snoozed(LATER.plusSeconds(3600), "bob", "api", LATER))),
                Arguments.of("acknowledged, snooze", List.of(OPENED, ACKNOWLEDGED), snooze,
                        List.of(new Snoozed(LATER.plusSeconds(3600), "bob", "api", LATER))),
                // Escalating now goes to the next step at once, whoever holds the page.
                Arguments.of("open, escalate now", List.of(OPENED), escalate,
                        List.of(new Escalated(2, 1, List.of("bob"), "bob", "api", LATER))),
                Arguments.of("acknowledged, escalate now", List.of(OPENED, ACKNOWLEDGED), escalate,
                        List.of(new Escalated(2, 1, List.of("bob"), "bob", "api", LATER))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void commands(String name, List<PageChange> given, PageCommand command, List<PageChange> then) {
        assertEquals(then, when(Page.replay("p", given), command, LATER));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                // A late acknowledgement cannot reopen or relabel a page already closed; the API says why.
                Arguments.of("resolved, acknowledge", List.of(OPENED, RESOLVED), new PageCommand.Acknowledge(BOB),
                        "page p is resolved; it can no longer be acknowledged"),
                // Nobody was paged, so there is nothing to acknowledge.
                Arguments.of("unrouted, acknowledge", List.of(UNROUTED), new PageCommand.Acknowledge(BOB),
                        "page p is unrouted (nobody was paged); it can no longer be acknowledged"),
                Arguments.of("resolved, snooze", List.of(OPENED, RESOLVED),
                        new PageCommand.Snooze(LATER.plusSeconds(60), BOB),
                        "page p is resolved; it can no longer be snoozed"),
                Arguments.of("resolved, reassign", List.of(OPENED, RESOLVED),
                        new PageCommand.Reassign("carol", null, BOB),
                        "page p is resolved; it can no longer be reassigned"),
                // At the last step of the last round there is nobody further: reassigning is the way on.
                Arguments.of("last step, escalate now", List.of(OPENED, new Escalated(2, 1, List.of("bob"), null,
                        "deadline", T)), new PageCommand.EscalateNow(BOB),
                        "page p is at the last step of its escalation policy; reassign it to reach someone else"),
                // A command for a page that never opened is the API's 404.
                Arguments.of("no page, acknowledge", List.of(), new PageCommand.Acknowledge(BOB),
                        "page p is not open; it can no longer be acknowledged"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusals(String name, List<PageChange> given, PageCommand command, String message) {
        PageRefused refused = assertThrows(PageRefused.class, () -> when(Page.replay("p", given), command, LATER));
        assertEquals(message, refused.getMessage());
    }

    @Test
    void nothingIsNotifiedAfterAcknowledgeOrResolve() {
        for (PageChange end : List.of(ACKNOWLEDGED, RESOLVED)) {
            Page page = given(OPENED, end);
            assertNull(page.dueAt(), "no deadline runs, so no step can notify");
            assertEquals(List.of(), when(page, new PageCommand.StepDue(Actor.DEADLINE), LATER.plusSeconds(3600)));
        }
    }

    private static final Duration EXPIRY = Duration.ofHours(4);

    private static PageContext expiringAt(Instant now) {
        return new PageContext(now, PageTest::people, null, EXPIRY, null);
    }

    @Test
    void withExpiryOnAnAcknowledgementRunsUntilTheExpiry() {
        // At step 2 when taken, so a re-page that starts from step 1 shows it does.
        Page atStepTwo = given(OPENED, new Escalated(2, 1, List.of("bob"), null, "deadline", T.plusSeconds(300)));
        List<PageChange> events = atStepTwo.decide(new PageCommand.Acknowledge(BOB), expiringAt(LATER));
        assertEquals(List.of(new Acknowledged("bob", "api", LATER, LATER.plus(EXPIRY))), events);
        Page acknowledged = atStepTwo.apply(events.get(0));
        assertEquals(Page.Status.ACKNOWLEDGED, acknowledged.status());
        assertEquals(LATER.plus(EXPIRY), acknowledged.dueAt(), "the page's deadline is the acknowledgement's end");
    }

    @Test
    void anExpiredAcknowledgementPagesStepOneAgainWhileTheAlertFires() {
        Page acknowledged = given(OPENED, new Escalated(2, 1, List.of("bob"), null, "deadline", T.plusSeconds(300)),
                new Acknowledged("bob", "api", LATER, LATER.plus(EXPIRY)));
        // Not yet: a deadline firing before the expiry (armed before the acknowledgement) changes nothing.
        assertEquals(List.of(), acknowledged.decide(new PageCommand.StepDue(Actor.DEADLINE),
                expiringAt(LATER.plus(EXPIRY).minusSeconds(1))));
        Instant end = LATER.plus(EXPIRY);
        List<PageChange> events = acknowledged.decide(new PageCommand.StepDue(Actor.DEADLINE), expiringAt(end));
        // Step 1 of round 1 again, its people now: the primary, not the secondary who acknowledged.
        assertEquals(List.of(new PageChange.AcknowledgementExpired(1, 1, List.of("alice"), end)), events);
        Page reopened = acknowledged.apply(events.get(0));
        assertEquals(Page.Status.OPEN, reopened.status());
        assertEquals(1, reopened.step());
        assertEquals(1, reopened.round());
        assertEquals(end.plus(Duration.ofMinutes(5)), reopened.dueAt(), "step 1's deadline runs again");
        // Nobody takes it this time: it escalates to step 2 as a new page would.
        assertEquals(List.of(new Escalated(2, 1, List.of("bob"), null, "deadline", end.plusSeconds(301))),
                reopened.decide(new PageCommand.StepDue(Actor.DEADLINE), expiringAt(end.plusSeconds(301))));
    }

    @Test
    void aResolveBeforeTheExpiryCancelsIt() {
        Page acknowledged = given(OPENED, new Acknowledged("alice", "api", LATER, LATER.plus(EXPIRY)));
        List<PageChange> resolved = acknowledged.decide(new PageCommand.Resolve(Actor.ALERT), expiringAt(LATER));
        Page page = acknowledged.apply(resolved.get(0));
        assertNull(page.dueAt(), "no deadline is left to fire");
        // A deadline that fires anyway (its row outlived the resolve) pages nobody.
        assertEquals(List.of(), page.decide(new PageCommand.StepDue(Actor.DEADLINE),
                expiringAt(LATER.plus(EXPIRY).plusSeconds(1))));
    }

    @Test
    void withExpiryOffAnAcknowledgementHoldsUntilTheResolve() {
        // Acknowledgements stored before expiry existed have no end, whatever the setting is now.
        Page acknowledged = given(OPENED, ACKNOWLEDGED);
        assertNull(acknowledged.dueAt());
        assertEquals(List.of(), acknowledged.decide(new PageCommand.StepDue(Actor.DEADLINE),
                expiringAt(T.plus(Duration.ofDays(60)))));
        assertEquals(List.of(new Acknowledged("bob", "api", LATER)),
                given(OPENED).decide(new PageCommand.Acknowledge(BOB), at(LATER)));
    }

    @Test
    void acknowledgingAgainDoesNotExtendTheExpiry() {
        // One acknowledgement is kept, so its end is too: taking it twice does not buy four more hours.
        Page acknowledged = given(OPENED, new Acknowledged("alice", "api", LATER, LATER.plus(EXPIRY)));
        assertEquals(List.of(), acknowledged.decide(new PageCommand.Acknowledge(BOB),
                expiringAt(LATER.plusSeconds(3600))));
    }

    @Test
    void aSnoozeThatRunsOutNotifiesTheCurrentStepAgain() {
        Page snoozed = given(OPENED, SNOOZED);
        assertEquals(Page.Status.SNOOZED, snoozed.status());
        assertEquals(T.plusSeconds(3600), snoozed.dueAt(), "the page is next due when the snooze ends");
        // Not yet: a step deadline armed before the snooze finds the page snoozed and waits.
        assertEquals(List.of(), when(snoozed, new PageCommand.StepDue(Actor.DEADLINE), LATER));
        Instant end = T.plusSeconds(3600);
        List<PageChange> events = when(snoozed, new PageCommand.StepDue(Actor.DEADLINE), end);
        assertEquals(List.of(new Renotified(1, 1, List.of("alice"), end)), events);
        Page renotified = snoozed.apply(events.get(0));
        assertEquals(Page.Status.OPEN, renotified.status());
        assertEquals(end.plus(Duration.ofMinutes(5)), renotified.dueAt(), "step 1's deadline runs again");
    }

    @Test
    void aSnoozeMustEndAfterNow() {
        assertThrows(IllegalArgumentException.class,
                () -> when(given(OPENED), new PageCommand.Snooze(LATER, BOB), LATER));
    }

    @Test
    void reassigningToAPersonNotifiesThemAndArmsTheCurrentStepsDeadline() {
        Page atStepTwo = given(OPENED, new Escalated(2, 1, List.of("bob"), null, "deadline", T.plusSeconds(300)));
        List<PageChange> events = when(atStepTwo, new PageCommand.Reassign("carol", null, BOB), LATER);
        assertEquals(List.of(new Reassigned("carol", null, 2, 1, List.of("carol"), "bob", "api", LATER)), events);
        Page reassigned = atStepTwo.apply(events.get(0));
        assertEquals(LATER.plus(Duration.ofMinutes(10)), reassigned.dueAt());
        assertEquals(POLICY, reassigned.policy(), "the page keeps its policy");
    }

    @Test
    void reassigningToAPolicyReplacesTheSnapshotAndStartsAtItsStepOne() {
        Page acknowledged = given(OPENED, ACKNOWLEDGED);
        List<PageChange> events = when(acknowledged, new PageCommand.Reassign(null, OTHER, BOB), LATER);
        assertEquals(List.of(new Reassigned(null, OTHER, 1, 1, List.of("carol"), "bob", "api", LATER)), events);
        Page reassigned = acknowledged.apply(events.get(0));
        assertEquals(Page.Status.OPEN, reassigned.status());
        assertEquals("other", reassigned.policyId());
        assertEquals(OTHER, reassigned.policy());
        assertEquals(LATER.plus(Duration.ofMinutes(15)), reassigned.dueAt());
        // Its step 1 is the last: the deadline exhausts it instead of going back to the old policy's step 2.
        assertInstanceOf(Exhausted.class, when(reassigned, new PageCommand.StepDue(Actor.DEADLINE),
                LATER.plus(Duration.ofMinutes(15))).get(0));
    }

    @Test
    void aPolicyWhoseStepOneNamesNobodyIsRefusedAndThePageStaysAsItWas() {
        PolicySnapshot nobody = new PolicySnapshot("empty", 0, List.of(new PolicySnapshot.Step(List.of(),
                Duration.ofMinutes(5))));
        assertThrows(PageRefused.class, () -> when(given(OPENED), new PageCommand.Reassign(null, nobody, BOB), LATER));
    }

    @Test
    void anOldPageWithoutASnapshotAdoptsTheLivePolicyOnceWhenItsStepIsDue() {
        Page old = given(OPENED_BEFORE_SNAPSHOTS);
        assertNull(old.policy());
        List<PageChange> events = old.decide(new PageCommand.StepDue(Actor.DEADLINE),
                new PageContext(LATER, PageTest::people, POLICY));
        assertEquals(List.of(new PolicyAdopted(POLICY, LATER), new Escalated(2, 1, List.of("bob"), null, "deadline",
                LATER)), events);
        Page adopted = old.apply(events.get(0)).apply(events.get(1));
        assertEquals(POLICY, adopted.policy(), "from now on the page runs on its own copy");
        assertEquals(LATER.plus(Duration.ofMinutes(10)), adopted.dueAt());
    }

    @Test
    void anUnroutedPageClosesWhenItsAlertResolves() {
        // Kept as the record that nobody was paged, it stops counting as an open unrouted page.
        List<PageChange> events = when(given(UNROUTED), new PageCommand.Resolve(Actor.ALERT), LATER);
        assertEquals(List.of(new Resolved(null, "alert", LATER)), events);
        assertEquals(Page.Status.RESOLVED, given(UNROUTED).apply(events.get(0)).status());
    }

    @Test
    void theOpenedPageRecordsWhichLinkOfTheRoutingChainGaveItsPolicy() {
        PageCommand.Open open = new PageCommand.Open("p", "a", "checkout", "errors", "critical", Map.of(), POLICY,
                null, Actor.ALERT, RoutedBy.FALLBACK);
        Opened opened = (Opened) when(Page.empty("p"), open, T).get(0);
        assertEquals(RoutedBy.FALLBACK, opened.routedBy());
        assertEquals(List.of("alice"), opened.userIds(), "a fallback policy pages like any other");
    }

    @Test
    void runningOutTellsTheFallbackContact() {
        PageContext withFallback = new PageContext(LATER, PageTest::people, null, null, "oncall-lead");
        PolicySnapshot once = new PolicySnapshot("pol", 0, List.of(PRIMARY));
        Page page = given(new Opened("p", "a", "checkout", "pol", "errors", "critical", Map.of(), List.of("alice"),
                once, T, RoutedBy.SERVICE));
        assertTrue(page.exhaustsNext(once), "the caller reads the fallback contact only when it is needed");
        assertEquals(List.of(new Exhausted(LATER, List.of("oncall-lead"))),
                page.decide(new PageCommand.StepDue(Actor.DEADLINE), withFallback));
        assertFalse(given(OPENED).exhaustsNext(POLICY), "step 2 is still to come");
    }

    @Test
    void anOldPageWhosePolicyWasDeletedRunsOut() {
        // Nothing left to escalate to, and nothing to keep a deadline for.
        assertEquals(List.of(new Exhausted(LATER)),
                when(given(OPENED_BEFORE_SNAPSHOTS), new PageCommand.StepDue(Actor.DEADLINE), LATER));
    }

    @Test
    void theSnapshotFillsInWhatThePolicyLeftOut() {
        EscalationPolicy policy = new EscalationPolicy("pol", "Pol", null, List.of(
                new EscalationPolicy.Step(List.of(new Target(TargetType.USER, "alice")), null),
                new EscalationPolicy.Step(List.of(new Target(TargetType.USER, "bob")), Duration.ofMinutes(7))));
        // A step without a deadline follows the service: 5 minutes critical, 15 high, 30 low.
        for (Criticality criticality : Criticality.values()) {
            PolicySnapshot snapshot = PolicySnapshot.of(policy, criticality);
            assertEquals(criticality.deadline(), snapshot.step(1).deadline());
            assertEquals(Duration.ofMinutes(7), snapshot.step(2).deadline(), "a step's own deadline wins");
            assertEquals(2, snapshot.repeat(), "repeat defaults to 2");
        }
        assertEquals(List.of(Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30)),
                Stream.of(Criticality.values()).map(Criticality::deadline).toList());
        // The service is gone (an old page adopting its policy): the shortest deadline, never a silent hour.
        assertEquals(Duration.ofMinutes(5), PolicySnapshot.of(policy, null).step(1).deadline());
    }

    @Test
    void aPersonNamedTwiceInAStepIsNotifiedOnce() {
        PolicySnapshot.Step step = new PolicySnapshot.Step(List.of(new Target(TargetType.USER, "alice"),
                new Target(TargetType.USER, "bob"), new Target(TargetType.USER, "alice")), Duration.ofMinutes(5));
        assertEquals(List.of("alice", "bob"), StepRouting.people(step, Map.of(), T));
    }

    @Test
    void theOldCriticalityNamesStillRead() {
        assertEquals(Criticality.CRITICAL, Criticality.of("USER_FACING"));
        assertEquals(Criticality.LOW, Criticality.of("INTERNAL"));
        assertEquals(Criticality.HIGH, Criticality.of("high"));
    }

    @Test
    void theVersionCountsEvents() {
        assertEquals(3, given(OPENED, new Escalated(2, 1, List.of("bob"), null, "deadline", T), RESOLVED).version());
        assertTrue(given().status() == Page.Status.NEW);
    }
}
