package dev.tocsin.escalation.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.escalation.policy.EscalationPolicy.Target;
import dev.tocsin.escalation.policy.EscalationPolicy.TargetType;
import dev.tocsin.escalation.schedule.model.Cadence;
import dev.tocsin.escalation.schedule.model.Layer;
import dev.tocsin.escalation.schedule.model.Participant;
import dev.tocsin.escalation.schedule.model.Restriction;
import dev.tocsin.escalation.schedule.model.Schedule;
import dev.tocsin.escalation.schedule.model.ShiftOverride;
import dev.tocsin.escalation.schedule.model.Swap;
import dev.tocsin.escalation.schedule.model.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who a step's schedule targets page, read from the layered model at the instant: overrides and
 * accepted swaps honoured, a restricted layer showing the lower one through outside its hours,
 * and nobody where no layer has a shift.
 */
class StepRoutingTest {

    private static final Cadence WEEKLY = new Cadence.Local(Period.ofWeeks(1));
    private static final Cadence DAILY = new Cadence.Local(Period.ofDays(1));

    /**
     * Weekly primary (alice, bob) from Monday 2026-01-05 09:00 UTC, with a daytime layer on top
     * (carol, weekdays 09:00-17:00 UTC); secondary is the weekly layer one ahead (bob, alice).
     */
    private static Schedule base() {
        Layer week = Layer.of("week", "UTC", "2026-01-05T09:00:00", WEEKLY, "alice", "bob");
        Layer day = Layer.of("day", "UTC", "2026-01-05T09:00:00", DAILY, "carol")
                .restrictedTo(Restriction.weekdays("09:00", "17:00"));
        Layer next = Layer.of("next", "UTC", "2026-01-05T09:00:00", WEEKLY, "bob", "alice");
        List<Participant> people = Stream.of("alice", "bob", "carol", "dave").map(p -> Participant.of(p, "UTC")).toList();
        return Schedule.of("s", people, List.of(week, day, next), List.of("week", "day"), List.of("next"));
    }

    static Stream<Arguments> cases() {
        Schedule base = base();
        TimeRange tuesdayNight = TimeRange.of("2026-01-06T20:00Z", "2026-01-07T06:00Z");
        Schedule overridden = base.withOverride(new ShiftOverride("o1", "dave", tuesdayNight,
                dev.tocsin.escalation.schedule.model.Target.ALL));
        Schedule swapped = base.withSwap(new Swap("w1", "alice", "bob", TimeRange.of("2026-01-05T09:00Z",
                "2026-01-12T09:00Z"), dev.tocsin.escalation.schedule.model.Target.ALL, Swap.Status.ACCEPTED));
        Schedule onlyRequested = base.withSwap(new Swap("w2", "alice", "bob", TimeRange.of("2026-01-05T09:00Z",
                "2026-01-12T09:00Z"), dev.tocsin.escalation.schedule.model.Target.ALL, Swap.Status.REQUESTED));
        return Stream.of(
                // Tuesday 20:00 is outside the daytime layer: the weekly layer below shows through.
                Arguments.of("restricted layer falls through", base, "2026-01-06T20:00:00Z", List.of("alice"),
                        List.of("bob")),
                // Tuesday 10:00 the daytime layer has a shift and, being higher, wins over the weekly one.
                Arguments.of("higher layer wins in its hours", base, "2026-01-06T10:00:00Z", List.of("carol"),
                        List.of("bob")),
                // dave covers Tuesday night in every layer: he is both primary and secondary then.
                Arguments.of("override honoured", overridden, "2026-01-06T21:00:00Z", List.of("dave"),
                        List.of("dave")),
                // ...and not outside the override's range.
                Arguments.of("override ends", overridden, "2026-01-07T07:00:00Z", List.of("alice"), List.of("bob")),
                // alice and bob swapped the first week: bob is primary, alice secondary.
                Arguments.of("accepted swap honoured", swapped, "2026-01-06T20:00:00Z", List.of("bob"),
                        List.of("alice")),
                // A swap nobody has accepted changes nothing.
                Arguments.of("requested swap ignored", onlyRequested, "2026-01-06T20:00:00Z", List.of("alice"),
                        List.of("bob")),
                // Before any layer's first handoff there is no shift: the target names nobody.
                Arguments.of("no shift, nobody", base, "2026-01-01T00:00:00Z", List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scheduleTargetsAreWhoTheModelSaysAtTheInstant(String name, Schedule schedule, String at,
            List<String> primary, List<String> secondary) {
        Instant instant = Instant.parse(at);
        Map<String, Schedule> schedules = Map.of("s", schedule);
        assertEquals(primary, StepRouting.people(step(TargetType.SCHEDULE_PRIMARY), schedules, instant));
        assertEquals(secondary, StepRouting.people(step(TargetType.SCHEDULE_SECONDARY), schedules, instant));
    }

    @org.junit.jupiter.api.Test
    void aPersonNamedTwiceIsPagedOnceAndADeletedScheduleNamesNobody() {
        // alice is primary at Tuesday 20:00 and also named directly; "gone" is not among the schedules.
        PolicySnapshot.Step step = new PolicySnapshot.Step(List.of(new Target(TargetType.SCHEDULE_PRIMARY, "s"),
                new Target(TargetType.USER, "alice"), new Target(TargetType.SCHEDULE_SECONDARY, "gone")),
                Duration.ofMinutes(5));
        assertEquals(List.of("alice"), StepRouting.people(step, Map.of("s", base()),
                Instant.parse("2026-01-06T20:00:00Z")));
    }

    private static PolicySnapshot.Step step(TargetType type) {
        return new PolicySnapshot.Step(List.of(new Target(type, "s")), Duration.ofMinutes(5));
    }

    static Stream<Arguments> teams() {
        StepRouting.Teams payments = new StepRouting.Teams(Map.of("payments", List.of("alice", "bob", "carol")),
                Map.of("payments", 4L));
        return Stream.of(
                // Turn 4 of three members is the second of them, in person-id order.
                Arguments.of("round-robin takes the member in turn", TargetType.TEAM_ROUND_ROBIN, payments,
                        List.of("bob")),
                Arguments.of("all of a team is every responder", TargetType.TEAM_ALL, payments,
                        List.of("alice", "bob", "carol")),
                Arguments.of("no turn taken yet is the first member", TargetType.TEAM_ROUND_ROBIN,
                        new StepRouting.Teams(payments.responders(), Map.of()), List.of("alice")),
                Arguments.of("a team with nobody to page names nobody", TargetType.TEAM_ROUND_ROBIN,
                        StepRouting.Teams.NONE, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("teams")
    void teamTargets(String name, TargetType type, StepRouting.Teams teams, List<String> expected) {
        PolicySnapshot.Step step = new PolicySnapshot.Step(List.of(new Target(type, "payments")), Duration.ofMinutes(5));
        assertEquals(expected, StepRouting.people(step, Map.of(), teams, Instant.parse("2026-01-06T20:00:00Z")));
    }
}
