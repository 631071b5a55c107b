package dev.tocsin.escalation.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.escalation.schedule.model.Cadence;
import dev.tocsin.escalation.schedule.model.Layer;
import dev.tocsin.escalation.schedule.model.Participant;
import dev.tocsin.escalation.schedule.model.Role;
import dev.tocsin.escalation.schedule.model.Schedule;
import dev.tocsin.escalation.schedule.model.ShiftOverride;
import dev.tocsin.escalation.schedule.model.Target;
import dev.tocsin.escalation.schedule.model.TimeRange;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * When shifts hand off and who starts, expected values written by hand from the calendar: a
 * daily rotation in Europe/London handing off at 09:00 local time, across the spring-forward of
 * Sunday 2026-03-29 (09:00 GMT is 09:00Z, 09:00 BST is 08:00Z).
 */
class HandoffsTest {

    private static final Cadence DAILY = new Cadence.Local(Period.ofDays(1));

    /** Alice from Monday 2026-03-02 09:00 London, then Bob, then Alice...; the secondary one ahead. */
    private static Schedule london() {
        Layer primary = Layer.of("primary", "Europe/London", "2026-03-02T09:00:00", DAILY, "alice", "bob");
        Layer secondary = Layer.of("secondary", "Europe/London", "2026-03-02T09:00:00", DAILY, "bob", "alice");
        return Schedule.of("s", Stream.of("alice", "bob", "carol").map(p -> Participant.of(p, "Europe/London")).toList(),
                List.of(primary, secondary), List.of("primary"), List.of("secondary"));
    }

    static Stream<Arguments> next() {
        return Stream.of(
                // Saturday 28 March, GMT: the next handoff is Sunday 09:00 BST.
                Arguments.of("across spring-forward", "2026-03-28T10:00:00Z", "2026-03-29T08:00:00Z"),
                Arguments.of("the day before, GMT", "2026-03-27T09:30:00Z", "2026-03-28T09:00:00Z"),
                // At a handoff instant the next one is the day after.
                Arguments.of("at a handoff", "2026-03-29T08:00:00Z", "2026-03-30T08:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("next")
    void theNextHandoff(String name, String after, String expected) {
        assertEquals(Optional.of(Instant.parse(expected)), Handoffs.next(london(), Instant.parse(after)));
    }

    static Stream<Arguments> starting() {
        return Stream.of(
                // 29 March is day 27 after 2 March: Bob's primary day, Alice's secondary one.
                Arguments.of("both roles hand off", london(), "2026-03-29T08:00:00Z",
                        List.of(new Handoffs.Start("bob", Role.PRIMARY, Instant.parse("2026-03-29T08:00:00Z")),
                                new Handoffs.Start("alice", Role.SECONDARY, Instant.parse("2026-03-29T08:00:00Z")))),
                Arguments.of("nobody starts between handoffs", london(), "2026-03-29T12:00:00Z", List.of()),
                // Carol covers from 12:00 to 14:00: she starts at 12:00, and Bob again at 14:00.
                Arguments.of("an override starts", covered(), "2026-03-29T12:00:00Z",
                        List.of(new Handoffs.Start("carol", Role.PRIMARY, Instant.parse("2026-03-29T12:00:00Z")))),
                Arguments.of("the override ends", covered(), "2026-03-29T14:00:00Z",
                        List.of(new Handoffs.Start("bob", Role.PRIMARY, Instant.parse("2026-03-29T14:00:00Z")))));
    }

    private static Schedule covered() {
        return london().withOverride(new ShiftOverride("o", "carol", TimeRange.of("2026-03-29T12:00Z",
                "2026-03-29T14:00Z"), Target.layer("primary")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("starting")
    void whoStarts(String name, Schedule schedule, String at, List<Handoffs.Start> expected) {
        assertEquals(expected, Handoffs.startingAt(schedule, Instant.parse(at)));
    }

    @org.junit.jupiter.api.Test
    void anOverrideIsAHandoffOfItsOwn() {
        assertEquals(Optional.of(Instant.parse("2026-03-29T12:00:00Z")),
                Handoffs.next(covered(), Instant.parse("2026-03-29T08:00:00Z")));
    }
}
