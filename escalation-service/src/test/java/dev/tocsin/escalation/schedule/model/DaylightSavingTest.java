package dev.tocsin.escalation.schedule.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Shift boundaries across the 2026 daylight-saving changes, every expected instant worked out by
 * hand in UTC from the published transition (source in each block), never by the code under test.
 * A local cadence keeps its wall-clock handoff, so the shift holding the change is shorter or
 * longer by it; a fixed cadence keeps elapsed time, so its wall-clock handoff moves instead.
 */
class DaylightSavingTest {

    @ParameterizedTest(name = "{0} {1} from {2}")
    @CsvSource(delimiter = '|', value = {
            // New York (US Energy Policy Act 2005: 2nd Sunday of March, 1st Sunday of November, 02:00 local).
            // 2026-03-08 02:00 EST (-5) becomes 03:00 EDT (-4). 09:00 EST = 14:00Z, 09:00 EDT = 13:00Z: the
            // shift holding the change is 23 hours and the handoff stays at 09:00.
            "America/New_York | P1D | 2026-03-01T09:00 | 2026-03-07T00:00Z | 2026-03-10T00:00Z | 2026-03-07T14:00Z 2026-03-08T13:00Z 2026-03-09T13:00Z",
            // 02:30 does not exist on 2026-03-08. It is read with the offset before the gap (-5), 07:30Z, which
            // is 03:30 EDT: that day's shift is a full 24 hours and the next one 23 (02:30 EDT = 06:30Z).
            "America/New_York | P1D | 2026-03-01T02:30 | 2026-03-07T00:00Z | 2026-03-10T00:00Z | 2026-03-07T07:30Z 2026-03-08T07:30Z 2026-03-09T06:30Z",
            // 2026-11-01 02:00 EDT becomes 01:00 EST. 09:00 EDT = 13:00Z, 09:00 EST = 14:00Z: a 25-hour shift.
            "America/New_York | P1D | 2026-10-01T09:00 | 2026-10-31T00:00Z | 2026-11-03T00:00Z | 2026-10-31T13:00Z 2026-11-01T14:00Z 2026-11-02T14:00Z",
            // 01:30 happens twice on 2026-11-01; the handoff is at the first, 01:30 EDT = 05:30Z, and the next
            // day's 01:30 EST = 06:30Z makes that shift the 25-hour one.
            "America/New_York | P1D | 2026-10-01T01:30 | 2026-10-31T00:00Z | 2026-11-03T00:00Z | 2026-10-31T05:30Z 2026-11-01T05:30Z 2026-11-02T06:30Z",
            // Weekly Mondays 09:00 from 2026-03-02 (EST, 14:00Z); 2026-03-09 09:00 is EDT, 13:00Z: a 167-hour week.
            "America/New_York | P7D | 2026-03-02T09:00 | 2026-03-03T00:00Z | 2026-03-20T00:00Z | 2026-03-09T13:00Z 2026-03-16T13:00Z",
            // Fixed 12 hours from 2026-03-07 08:00 EST (13:00Z): every 12 hours in UTC regardless of the change,
            // so after it the handoffs read 09:00 and 21:00 EDT.
            "America/New_York | PT12H | 2026-03-07T08:00 | 2026-03-07T13:00Z | 2026-03-09T12:00Z | 2026-03-08T01:00Z 2026-03-08T13:00Z 2026-03-09T01:00Z",

            // London (EU directive 2000/84/EC and the UK Summer Time Order: last Sundays of March and October,
            // 01:00 UTC). 2026-03-29 01:00 GMT becomes 02:00 BST. 09:00 GMT = 09:00Z, 09:00 BST = 08:00Z.
            "Europe/London | P1D | 2026-03-01T09:00 | 2026-03-28T00:00Z | 2026-03-31T00:00Z | 2026-03-28T09:00Z 2026-03-29T08:00Z 2026-03-30T08:00Z",
            // The skipped hour is 01:00-02:00 here, so 01:30 on 2026-03-29 is read as GMT (01:30Z = 02:30 BST);
            // the next day 01:30 BST = 00:30Z.
            "Europe/London | P1D | 2026-03-01T01:30 | 2026-03-28T00:00Z | 2026-03-31T00:00Z | 2026-03-28T01:30Z 2026-03-29T01:30Z 2026-03-30T00:30Z",
            // 02:30 is just after London's gap and exists: 02:30 GMT = 02:30Z, then 02:30 BST = 01:30Z.
            "Europe/London | P1D | 2026-03-01T02:30 | 2026-03-28T00:00Z | 2026-03-31T00:00Z | 2026-03-28T02:30Z 2026-03-29T01:30Z 2026-03-30T01:30Z",
            // 2026-10-25 02:00 BST becomes 01:00 GMT. 09:00 BST = 08:00Z, 09:00 GMT = 09:00Z: a 25-hour shift.
            "Europe/London | P1D | 2026-10-01T09:00 | 2026-10-24T00:00Z | 2026-10-27T00:00Z | 2026-10-24T08:00Z 2026-10-25T09:00Z 2026-10-26T09:00Z",
            // Weekly Mondays 09:00 from 2026-10-19 (BST, 08:00Z); 2026-10-26 and 2026-11-02 are GMT, 09:00Z.
            "Europe/London | P7D | 2026-10-19T09:00 | 2026-10-20T00:00Z | 2026-11-05T00:00Z | 2026-10-26T09:00Z 2026-11-02T09:00Z",
            // Fixed 12 hours from 2026-10-24 08:00 BST (07:00Z): UTC steps of 12 hours, 07:00 and 19:00 GMT after.
            "Europe/London | PT12H | 2026-10-24T08:00 | 2026-10-24T07:00Z | 2026-10-26T00:00Z | 2026-10-24T19:00Z 2026-10-25T07:00Z 2026-10-25T19:00Z",

            // Sydney (NSW Standard Time Act 1987: summer time ends 1st Sunday of April 03:00 AEDT, starts 1st
            // Sunday of October 02:00 AEST). 2026-04-05 03:00 AEDT (+11) becomes 02:00 AEST (+10).
            // 09:00 AEDT = 22:00Z the day before, 09:00 AEST = 23:00Z the day before: a 25-hour shift.
            "Australia/Sydney | P1D | 2026-04-01T09:00 | 2026-04-03T12:00Z | 2026-04-06T12:00Z | 2026-04-03T22:00Z 2026-04-04T23:00Z 2026-04-05T23:00Z",
            // 2026-10-04 02:00 AEST becomes 03:00 AEDT: 09:00 AEST = 23:00Z, 09:00 AEDT = 22:00Z, a 23-hour shift.
            "Australia/Sydney | P1D | 2026-10-01T09:00 | 2026-10-02T12:00Z | 2026-10-05T12:00Z | 2026-10-02T23:00Z 2026-10-03T22:00Z 2026-10-04T22:00Z",
            // 02:30 does not exist on 2026-10-04: read as AEST (+10), 16:30Z the day before (03:30 AEDT); the
            // next day 02:30 AEDT = 15:30Z.
            "Australia/Sydney | P1D | 2026-10-01T02:30 | 2026-10-02T12:00Z | 2026-10-05T12:00Z | 2026-10-02T16:30Z 2026-10-03T16:30Z 2026-10-04T15:30Z",
            // Weekly Sundays 09:00 from 2026-09-27 (AEST, 23:00Z the day before); from 2026-10-04 AEDT, 22:00Z.
            "Australia/Sydney | P7D | 2026-09-27T09:00 | 2026-09-27T00:00Z | 2026-10-12T00:00Z | 2026-10-03T22:00Z 2026-10-10T22:00Z",

            // Lord Howe Island (NSW Standard Time Act 1987, same Sundays, 02:00 local, 30 minutes: +11 in summer,
            // +10:30 otherwise). 2026-04-05 02:00 LHDT becomes 01:30 LHST. 09:00 +11 = 22:00Z the day before,
            // 09:00 +10:30 = 22:30Z the day before: a 24.5-hour shift.
            "Australia/Lord_Howe | P1D | 2026-04-01T09:00 | 2026-04-03T12:00Z | 2026-04-06T12:00Z | 2026-04-03T22:00Z 2026-04-04T22:30Z 2026-04-05T22:30Z",
            // 2026-10-04 02:00 LHST becomes 02:30 LHDT: 09:00 +10:30 = 22:30Z, 09:00 +11 = 22:00Z, 23.5 hours.
            "Australia/Lord_Howe | P1D | 2026-10-01T09:00 | 2026-10-02T12:00Z | 2026-10-05T12:00Z | 2026-10-02T22:30Z 2026-10-03T22:00Z 2026-10-04T22:00Z",
            // 02:15 falls in the half-hour gap: read as +10:30, 15:45Z the day before (02:45 LHDT); next day +11.
            "Australia/Lord_Howe | P1D | 2026-10-01T02:15 | 2026-10-02T12:00Z | 2026-10-05T12:00Z | 2026-10-02T15:45Z 2026-10-03T15:45Z 2026-10-04T15:15Z",
            // 02:30 is the first instant after that gap and exists (LHDT, 15:30Z the day before).
            "Australia/Lord_Howe | P1D | 2026-10-01T02:30 | 2026-10-02T12:00Z | 2026-10-05T12:00Z | 2026-10-02T16:00Z 2026-10-03T15:30Z 2026-10-04T15:30Z",

            // Kolkata, the control (IST +05:30 all year, no daylight saving since 1945, tz database Asia/Kolkata):
            // over New York's change nothing moves, 09:00 IST = 03:30Z and 02:30 IST = 21:00Z the day before.
            "Asia/Kolkata | P1D | 2026-03-01T09:00 | 2026-03-07T00:00Z | 2026-03-10T00:00Z | 2026-03-07T03:30Z 2026-03-08T03:30Z 2026-03-09T03:30Z",
            "Asia/Kolkata | P1D | 2026-03-01T02:30 | 2026-03-07T00:00Z | 2026-03-10T00:00Z | 2026-03-07T21:00Z 2026-03-08T21:00Z 2026-03-09T21:00Z",
            "Asia/Kolkata | P7D | 2026-03-02T09:00 | 2026-03-03T00:00Z | 2026-03-20T00:00Z | 2026-03-09T03:30Z 2026-03-16T03:30Z"})
    void handoffsLandWhereTheWallClockSays(String zone, String cadence, String first, String from, String to,
            String handoffs) {
        Layer layer = Layer.of("l", zone, first, cadence(cadence), "ann", "bob");
        Schedule schedule = Schedule.of("s", List.of(Participant.of("ann", zone), Participant.of("bob", zone)),
                List.of(layer), List.of("l"), List.of());
        TimeRange range = TimeRange.of(from, to);

        List<Shift> shifts = schedule.layerShifts("l", range);

        List<Instant> expected = new ArrayList<>();
        expected.add(range.start());
        Arrays.stream(handoffs.split(" ")).map(TimeRange::instant).forEach(expected::add);
        expected.add(range.end());
        List<Instant> actual = new ArrayList<>(shifts.stream().map(Shift::start).toList());
        actual.add(shifts.getLast().end());
        assertEquals(expected, actual);
        for (int i = 1; i < shifts.size(); i++) {
            // No gap, no overlap at any handoff, and the two people alternate.
            assertEquals(shifts.get(i - 1).end(), shifts.get(i).start());
            assertEquals(shifts.get(i - 1).person().equals("ann") ? "bob" : "ann", shifts.get(i).person());
        }
    }

    private static Cadence cadence(String text) {
        return text.startsWith("PT") ? new Cadence.Fixed(Duration.parse(text)) : new Cadence.Local(Period.parse(text));
    }

    @ParameterizedTest(name = "{0} {1}-{2}")
    @CsvSource(delimiter = '|', value = {
            // New York 09:00-17:00 every day across 2026-03-08: Friday and Saturday in EST are 14:00Z-22:00Z,
            // Sunday (the change was at 02:00) and Monday in EDT 13:00Z-21:00Z. The window follows the wall clock.
            "America/New_York | 09:00 | 17:00 | 2026-03-06T00:00Z | 2026-03-10T00:00Z | 2026-03-06T14:00Z 2026-03-06T22:00Z 2026-03-07T14:00Z 2026-03-07T22:00Z 2026-03-08T13:00Z 2026-03-08T21:00Z 2026-03-09T13:00Z 2026-03-09T21:00Z",
            // 01:00-04:00 on the spring-forward night is two hours long (06:00Z-08:00Z), on the fall-back night
            // four (2026-11-01 01:00 EDT = 05:00Z to 04:00 EST = 09:00Z).
            "America/New_York | 01:00 | 04:00 | 2026-03-08T00:00Z | 2026-03-08T12:00Z | 2026-03-08T06:00Z 2026-03-08T08:00Z",
            "America/New_York | 01:00 | 04:00 | 2026-11-01T00:00Z | 2026-11-01T12:00Z | 2026-11-01T05:00Z 2026-11-01T09:00Z",
            // 02:30-03:00 lies wholly in the skipped hour: that night there is no window and no shift; the next
            // night it is 06:30Z-07:00Z (EDT).
            "America/New_York | 02:30 | 03:00 | 2026-03-08T00:00Z | 2026-03-10T00:00Z | 2026-03-09T06:30Z 2026-03-09T07:00Z"})
    void restrictionWindowsFollowTheWallClock(String zone, String from, String until, String start, String end,
            String bounds) {
        Layer layer = Layer.of("l", zone, "2026-01-01T00:00", Cadence.weekly(), "ann")
                .restrictedTo(Restriction.everyDay(from, until));
        Schedule schedule = Schedule.of("s", List.of(Participant.of("ann", zone)), List.of(layer), List.of("l"), List.of());
        List<Instant> actual = new ArrayList<>();
        schedule.layerShifts("l", TimeRange.of(start, end)).forEach(x -> {
            actual.add(x.start());
            actual.add(x.end());
        });
        assertEquals(Arrays.stream(bounds.split(" ")).map(TimeRange::instant).toList(), actual);
    }
}
