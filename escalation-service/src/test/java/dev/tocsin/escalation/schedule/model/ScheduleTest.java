package dev.tocsin.escalation.schedule.model;

import static dev.tocsin.escalation.schedule.model.TimeRange.instant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tocsin.escalation.schedule.model.Origin.Overridden;
import dev.tocsin.escalation.schedule.model.Origin.Swapped;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Layers, restrictions, overrides and swaps as a responder would see them in the shift list. In
 * January London is on GMT (UTC+0), Sydney on AEDT (UTC+11), New York on EST (UTC-5); 2026-01-05
 * is a Monday.
 */
class ScheduleTest {

    private static final List<Participant> PEOPLE = List.of(Participant.of("ann", "Europe/London"),
            Participant.of("bob", "Europe/London"), Participant.of("cat", "Europe/London"),
            Participant.of("dan", "Europe/London"), Participant.of("sam", "Australia/Sydney"),
            Participant.of("liz", "Europe/London"), Participant.of("ned", "America/New_York"));

    /** Weekly Monday 09:00 London: ann, bob, cat as primary; the secondary runs one person ahead. */
    private static Schedule weekly() {
        Layer primary = Layer.of("primary", "Europe/London", "2026-01-05T09:00", Cadence.weekly(), "ann", "bob", "cat");
        Layer secondary = Layer.of("secondary", "Europe/London", "2026-01-05T09:00", Cadence.weekly(), "bob", "cat", "ann");
        return Schedule.of("payments", PEOPLE, List.of(primary, secondary), List.of("primary"), List.of("secondary"));
    }

    /** Each site's 08:00-16:00 local under one primary role, New York on top, then London, then Sydney. */
    private static Schedule followTheSun() {
        Layer syd = Layer.of("syd", "Australia/Sydney", "2026-01-01T08:00", Cadence.daily(), "sam")
                .restrictedTo(Restriction.everyDay("08:00", "16:00"));
        Layer lon = Layer.of("lon", "Europe/London", "2026-01-01T08:00", Cadence.daily(), "liz")
                .restrictedTo(Restriction.everyDay("08:00", "16:00"));
        Layer nyc = Layer.of("nyc", "America/New_York", "2026-01-01T08:00", Cadence.daily(), "ned")
                .restrictedTo(Restriction.everyDay("08:00", "16:00"));
        return Schedule.of("sun", PEOPLE, List.of(syd, lon, nyc), List.of("syd", "lon", "nyc"), List.of());
    }

    private static Shift rotation(String layer, String person, String start, String end) {
        return new Shift(layer, person, instant(start), instant(end), Origin.ROTATION);
    }

    @Test
    void aRestrictedLayerHasShiftsOnlyInsideItsWindows() {
        // Daily handoffs from Thursday 2026-01-01 (ann, bob, ann, bob, ann on Monday), Mon-Fri 09:00-17:00.
        Layer office = Layer.of("office", "Europe/London", "2026-01-01T09:00", Cadence.daily(), "ann", "bob")
                .restrictedTo(Restriction.weekdays("09:00", "17:00"));
        Schedule s = Schedule.of("office", PEOPLE, List.of(office), List.of("office"), List.of());
        assertEquals(List.of(
                rotation("office", "ann", "2026-01-05T09:00Z", "2026-01-05T17:00Z"),
                rotation("office", "bob", "2026-01-06T09:00Z", "2026-01-06T17:00Z"),
                rotation("office", "ann", "2026-01-07T09:00Z", "2026-01-07T17:00Z"),
                rotation("office", "bob", "2026-01-08T09:00Z", "2026-01-08T17:00Z"),
                rotation("office", "ann", "2026-01-09T09:00Z", "2026-01-09T17:00Z")),
                s.layerShifts("office", TimeRange.of("2026-01-05T00:00Z", "2026-01-12T00:00Z")));
    }

    @Test
    void aWindowEndingBeforeItStartsRunsPastMidnight() {
        // Friday 22:00-06:00 belongs to Friday and ends Saturday morning.
        Layer nights = Layer.of("nights", "Europe/London", "2026-01-05T09:00", Cadence.weekly(), "dan")
                .restrictedTo(new Restriction(Set.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(6, 0)));
        Schedule s = Schedule.of("nights", PEOPLE, List.of(nights), List.of("nights"), List.of());
        assertEquals(List.of(rotation("nights", "dan", "2026-01-09T22:00Z", "2026-01-10T06:00Z")),
                s.layerShifts("nights", TimeRange.of("2026-01-05T00:00Z", "2026-01-12T00:00Z")));
    }

    @Test
    void followTheSunHandsTheDayAroundAndALaterLayerWinsWhereTheyOverlap() {
        // Sydney 08:00-16:00 AEDT is 21:00Z-05:00Z, London 08:00Z-16:00Z, New York 08:00-16:00 EST 13:00Z-21:00Z.
        TimeRange day = TimeRange.of("2026-01-06T00:00Z", "2026-01-07T00:00Z");
        assertEquals(List.of(
                rotation("syd", "sam", "2026-01-06T00:00Z", "2026-01-06T05:00Z"),
                rotation("lon", "liz", "2026-01-06T08:00Z", "2026-01-06T13:00Z"),
                rotation("nyc", "ned", "2026-01-06T13:00Z", "2026-01-06T21:00Z"),
                rotation("syd", "sam", "2026-01-06T21:00Z", "2026-01-07T00:00Z")),
                followTheSun().shifts(Role.PRIMARY, day));
        // Nobody's daytime covers 05:00Z-08:00Z: that is the gap a health check has to report.
        assertEquals(List.of(TimeRange.of("2026-01-06T05:00Z", "2026-01-06T08:00Z")), followTheSun().gaps(day));
    }

    @ParameterizedTest
    @CsvSource({
            // London's afternoon is New York's morning: the upper layer answers.
            "2026-01-06T14:00:00Z, ned",
            "2026-01-06T10:00:00Z, liz",
            "2026-01-06T23:00:00Z, sam",
            // In the gap there is no primary at all, not a stale one.
            "2026-01-06T06:00:00Z, ''"})
    void primaryAtAnInstantFollowsTheSun(String at, String primary) {
        assertEquals(primary.isEmpty() ? Optional.empty() : Optional.of(primary),
                followTheSun().at(instant(at)).primaryPerson());
    }

    @Test
    void atReportsTheWholeShiftAndTheSecondary() {
        OnCallAt now = weekly().at(instant("2026-01-12T08:59:59Z"));
        assertEquals(Optional.of(rotation("primary", "ann", "2026-01-05T09:00Z", "2026-01-12T09:00Z")), now.primary());
        assertEquals(Optional.of("bob"), now.secondaryPerson());
        // Before a layer's first handoff it has no shift.
        assertEquals(Optional.empty(), weekly().at(instant("2026-01-05T08:59:59Z")).primary());
    }

    @Test
    void anOverrideAcrossAHandoffSaysWhomEachPartReplaced() {
        Schedule s = weekly().withOverride(new ShiftOverride("o1", "dan",
                TimeRange.of("2026-01-11T12:00Z", "2026-01-13T12:00Z"), Target.layer("primary")));
        assertEquals(List.of(
                rotation("primary", "ann", "2026-01-05T09:00Z", "2026-01-11T12:00Z"),
                new Shift("primary", "dan", instant("2026-01-11T12:00Z"), instant("2026-01-12T09:00Z"),
                        new Overridden("o1", Optional.of("ann"))),
                new Shift("primary", "dan", instant("2026-01-12T09:00Z"), instant("2026-01-13T12:00Z"),
                        new Overridden("o1", Optional.of("bob"))),
                rotation("primary", "bob", "2026-01-13T12:00Z", "2026-01-19T09:00Z")),
                s.shifts(Role.PRIMARY, TimeRange.of("2026-01-05T09:00Z", "2026-01-19T09:00Z")));
        // A one-layer override leaves the secondary alone.
        assertEquals(Optional.of("cat"), s.at(instant("2026-01-12T10:00Z")).secondaryPerson());
    }

    @Test
    void aLaterOverrideWinsWhereTwoOverlap() {
        // dan covers Tuesday to Thursday, then cat is asked to take Wednesday: Wednesday is cat's.
        Schedule s = weekly()
                .withOverride(new ShiftOverride("o1", "dan", TimeRange.of("2026-01-06T09:00Z", "2026-01-08T09:00Z"),
                        Target.layer("primary")))
                .withOverride(new ShiftOverride("o2", "cat", TimeRange.of("2026-01-07T09:00Z", "2026-01-08T09:00Z"),
                        Target.layer("primary")));
        assertEquals(List.of(
                rotation("primary", "ann", "2026-01-05T09:00Z", "2026-01-06T09:00Z"),
                new Shift("primary", "dan", instant("2026-01-06T09:00Z"), instant("2026-01-07T09:00Z"),
                        new Overridden("o1", Optional.of("ann"))),
                // cat replaced dan, who was covering for ann.
                new Shift("primary", "cat", instant("2026-01-07T09:00Z"), instant("2026-01-08T09:00Z"),
                        new Overridden("o2", Optional.of("dan"))),
                rotation("primary", "ann", "2026-01-08T09:00Z", "2026-01-12T09:00Z")),
                s.shifts(Role.PRIMARY, TimeRange.of("2026-01-05T09:00Z", "2026-01-12T09:00Z")));
    }

    @Test
    void anOverrideForAllLayersCoversEveryRoleAndFillsRestrictedHours() {
        Schedule s = followTheSun().withOverride(new ShiftOverride("o2", "dan",
                TimeRange.of("2026-01-06T04:00Z", "2026-01-06T09:00Z"), Target.ALL));
        TimeRange day = TimeRange.of("2026-01-06T00:00Z", "2026-01-07T00:00Z");
        List<Shift> primary = s.shifts(Role.PRIMARY, day);
        // The override fills the 05:00Z-08:00Z gap in every layer; the top layer (nyc) shows it.
        assertEquals(List.of(), s.gaps(day));
        assertEquals(new Shift("nyc", "dan", instant("2026-01-06T04:00Z"), instant("2026-01-06T09:00Z"),
                new Overridden("o2", Optional.empty())), primary.get(1));
        // In Sydney's own layer the part before 05:00Z replaced sam, the rest replaced nobody.
        assertEquals(List.of(
                rotation("syd", "sam", "2026-01-06T00:00Z", "2026-01-06T04:00Z"),
                new Shift("syd", "dan", instant("2026-01-06T04:00Z"), instant("2026-01-06T05:00Z"),
                        new Overridden("o2", Optional.of("sam"))),
                new Shift("syd", "dan", instant("2026-01-06T05:00Z"), instant("2026-01-06T09:00Z"),
                        new Overridden("o2", Optional.empty())),
                rotation("syd", "sam", "2026-01-06T21:00Z", "2026-01-07T00:00Z")),
                s.layerShifts("syd", day));
    }

    @Test
    void anAcceptedSwapTradesTheTwoPeoplesShiftsBothWays() {
        TimeRange weeks = TimeRange.of("2026-01-05T09:00Z", "2026-01-26T09:00Z");
        Swap requested = Swap.replay(List.of(new SwapEvent.SwapRequested("s1", "ann", "cat", weeks, Target.layer("primary"))));
        // Asked but not answered: nothing moves.
        assertEquals(weekly().shifts(Role.PRIMARY, weeks), weekly().withSwap(requested).shifts(Role.PRIMARY, weeks));

        Swap accepted = Swap.apply(requested, new SwapEvent.SwapAccepted("s1", "cat"));
        assertEquals(List.of(
                new Shift("primary", "cat", instant("2026-01-05T09:00Z"), instant("2026-01-12T09:00Z"),
                        new Swapped("s1", "ann")),
                rotation("primary", "bob", "2026-01-12T09:00Z", "2026-01-19T09:00Z"),
                new Shift("primary", "ann", instant("2026-01-19T09:00Z"), instant("2026-01-26T09:00Z"),
                        new Swapped("s1", "cat"))),
                weekly().withSwap(accepted).shifts(Role.PRIMARY, weeks));

        // Called off after acceptance, the rotation is back as it was.
        Swap cancelled = Swap.apply(accepted, new SwapEvent.SwapCancelled("s1", "ann"));
        assertEquals(weekly().shifts(Role.PRIMARY, weeks),
                weekly().withSwap(accepted).withSwap(cancelled).shifts(Role.PRIMARY, weeks));
    }

    @Test
    void aScheduleNamingSomeoneItDoesNotKnowIsRefused() {
        Layer layer = Layer.of("l", "Europe/London", "2026-01-05T09:00", Cadence.weekly(), "zed");
        assertThrows(IllegalArgumentException.class,
                () -> Schedule.of("s", PEOPLE, List.of(layer), List.of("l"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> weekly().withOverride(new ShiftOverride("o", "zed",
                TimeRange.of("2026-01-05T09:00Z", "2026-01-06T09:00Z"), Target.ALL)));
        // A misspelt layer would make the override or swap change nothing, with nobody told.
        assertThrows(IllegalArgumentException.class, () -> weekly().withOverride(new ShiftOverride("o", "dan",
                TimeRange.of("2026-01-05T09:00Z", "2026-01-06T09:00Z"), Target.layer("primray"))));
        assertThrows(IllegalArgumentException.class, () -> weekly().withSwap(Swap.replay(List.of(
                new SwapEvent.SwapRequested("s", "ann", "bob", TimeRange.of("2026-01-05T09:00Z", "2026-01-06T09:00Z"),
                        Target.layer("primray"))))));
    }
}
