package dev.tocsin.escalation.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.escalation.load.OnCallLoad.Counts;
import dev.tocsin.escalation.load.OnCallLoad.Facts;
import dev.tocsin.escalation.load.OnCallLoad.Limits;
import dev.tocsin.escalation.load.OnCallLoad.PersonLoad;
import dev.tocsin.escalation.load.OnCallLoad.Reach;
import dev.tocsin.escalation.load.OnCallLoad.ShiftLoad;
import dev.tocsin.escalation.load.OnCallLoad.Ticket;
import dev.tocsin.escalation.load.OnCallLoad.WorkingHours;
import dev.tocsin.escalation.schedule.model.Cadence;
import dev.tocsin.escalation.schedule.model.Layer;
import dev.tocsin.escalation.schedule.model.Participant;
import dev.tocsin.escalation.schedule.model.Role;
import dev.tocsin.escalation.schedule.model.Schedule;
import dev.tocsin.escalation.schedule.model.TimeRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The on-call load of SRE book ch. 11 from given facts and shifts, every figure worked out by hand. */
class OnCallLoadTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** Weeks from Monday 2026-01-05 09:00 GMT: alice primary and bob secondary, then the other way round. */
    private static final Schedule PAYMENTS = Schedule.of("payments",
            List.of(Participant.of("alice", "Europe/London"), Participant.of("bob", "Europe/London")),
            List.of(new Layer("primary", LONDON, LocalDateTime.parse("2026-01-05T09:00"), Cadence.weekly(),
                            List.of("alice", "bob"), List.of()),
                    new Layer("secondary", LONDON, LocalDateTime.parse("2026-01-05T09:00"), Cadence.weekly(),
                            List.of("bob", "alice"), List.of())),
            List.of("primary"), List.of("secondary"));
    private static final TimeRange FIRST_WEEK = TimeRange.of("2026-01-05T09:00Z", "2026-01-12T09:00Z");
    private static final Limits LIMITS = new Limits(2, 2, 0.25, new WorkingHours(EnumSet.range(DayOfWeek.MONDAY,
            DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0)), Map.of("alice", LONDON, "bob", LONDON));

    private static Reach reach(String page, String person, String at) {
        return new Reach(page, person, Instant.parse(at));
    }

    private static Facts reached(Reach... reaches) {
        return new Facts(List.of(reaches), Map.of(), List.of());
    }

    @Test
    void aPageCountsOnceInTheShiftItReachedAndOffHoursByItsHoldersWorkingHours() {
        // Given alice woken at 03:00 on Tuesday and renotified five minutes later, paged again at 10:00 on
        // Wednesday (at work), and bob, the secondary, reached by that second page when it escalated.
        Facts facts = reached(reach("p1", "alice", "2026-01-06T03:00:00Z"), reach("p1", "alice", "2026-01-06T03:05:00Z"),
                reach("p2", "alice", "2026-01-07T10:00:00Z"), reach("p2", "bob", "2026-01-07T10:05:00Z"));
        // When the first week's shifts are counted
        List<ShiftLoad> shifts = OnCallLoad.shifts(PAYMENTS, FIRST_WEEK, facts, LIMITS);
        // Then alice's shift carried two pages, one off-hours; bob's one, at work
        assertEquals(List.of(
                new ShiftLoad(Role.PRIMARY, "alice", FIRST_WEEK.start(), FIRST_WEEK.end(), new Counts(2, 1, 0, 0), List.of()),
                new ShiftLoad(Role.SECONDARY, "bob", FIRST_WEEK.start(), FIRST_WEEK.end(), new Counts(1, 0, 0, 0),
                        List.of())), shifts);
    }

    @Test
    void aShiftWithMoreThanTwoIncidentsOrPagesIsFlagged() {
        // Given three pages reaching alice, in three incidents (the third page in two of them)
        Facts facts = new Facts(List.of(reach("p1", "alice", "2026-01-06T10:00:00Z"),
                reach("p2", "alice", "2026-01-07T10:00:00Z"), reach("p3", "alice", "2026-01-08T10:00:00Z")),
                Map.of("p1", Set.of("i1"), "p2", Set.of("i2"), "p3", Set.of("i3", "i1")), List.of());
        // When counted
        ShiftLoad alice = OnCallLoad.shifts(PAYMENTS, FIRST_WEEK, facts, LIMITS).getFirst();
        // Then both limits are passed, and the shift says so
        assertEquals(new Counts(3, 0, 3, 0), alice.counts());
        assertEquals(List.of("3 incidents, more than 2 in one shift", "3 pages, more than 2 in one shift"), alice.flags());
    }

    @Test
    void aTicketCountsForThePeopleItWasForInTheShiftItCameIn() {
        // Given a ticket for alice on Thursday, and one for both before the range
        Facts facts = new Facts(List.of(), Map.of(), List.of(
                new Ticket("t1", List.of("alice"), Instant.parse("2026-01-08T11:00:00Z")),
                new Ticket("t0", List.of("alice", "bob"), Instant.parse("2026-01-05T08:00:00Z"))));
        // When counted, then only alice's shift has one
        List<ShiftLoad> shifts = OnCallLoad.shifts(PAYMENTS, FIRST_WEEK, facts, LIMITS);
        assertEquals(new Counts(0, 0, 0, 1), shifts.get(0).counts());
        assertEquals(new Counts(0, 0, 0, 0), shifts.get(1).counts());
    }

    @Test
    void aPageCountsInTheShiftItReachedItsPersonInNotAnEarlierOne() {
        // Given two weeks, and alice reached in the second, where she is the secondary
        TimeRange twoWeeks = TimeRange.of("2026-01-05T09:00Z", "2026-01-19T09:00Z");
        Facts facts = reached(reach("p1", "alice", "2026-01-13T10:00:00Z"));
        // When counted
        List<ShiftLoad> shifts = OnCallLoad.shifts(PAYMENTS, twoWeeks, facts, LIMITS);
        // Then four shifts in start order, and only alice's second-week one carries the page
        assertEquals(List.of("alice PRIMARY", "bob SECONDARY", "bob PRIMARY", "alice SECONDARY"),
                shifts.stream().map(s -> s.person() + " " + s.role()).toList());
        assertEquals(List.of(0, 0, 0, 1), shifts.stream().map(s -> s.counts().pages()).toList());
    }

    @Test
    void eachPersonsOnCallTimeIsHeldToTheCapAndSomeonePagedOutsideShiftsIsCountedToo() {
        // Given two weeks in which alice and bob are each on call all the time (primary one week,
        // secondary the other), and carol, in no schedule, paged directly at 02:00 on a Saturday (UTC)
        TimeRange twoWeeks = TimeRange.of("2026-01-05T09:00Z", "2026-01-19T09:00Z");
        Facts facts = reached(reach("p1", "carol", "2026-01-10T02:00:00Z"), reach("p2", "alice", "2026-01-06T10:00:00Z"));
        // When each person's load is counted
        List<PersonLoad> people = OnCallLoad.people(List.of(PAYMENTS), twoWeeks, facts, LIMITS);
        // Then time in two roles counts once: all of the range, over the 25% cap; carol has no on-call time
        assertEquals(List.of(
                new PersonLoad("alice", Duration.ofDays(14), 1.0, true, new Counts(1, 0, 0, 0)),
                new PersonLoad("bob", Duration.ofDays(14), 1.0, true, new Counts(0, 0, 0, 0)),
                new PersonLoad("carol", Duration.ZERO, 0.0, false, new Counts(1, 1, 0, 0))), people);
    }
}
