package dev.tocsin.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {

    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    private static final BusinessHours BERLIN = new BusinessHours(ZoneId.of("Europe/Berlin"), WEEKDAYS,
            LocalTime.of(9, 0), LocalTime.of(17, 0));
    private static final BusinessHours NEW_YORK = new BusinessHours(ZoneId.of("America/New_York"), WEEKDAYS,
            LocalTime.of(9, 0), LocalTime.of(17, 0));

    @ParameterizedTest(name = "Berlin at {0}: open {1}, next opening {2}")
    @CsvSource(delimiter = '|', value = {
            // Winter (CET, UTC+1): Thursday 09:00 local is 08:00 UTC.
            "2026-11-26T07:59:59Z | false | 2026-11-26T08:00:00Z",
            "2026-11-26T08:00:00Z | true  | 2026-11-26T08:00:00Z",
            // 17:00 is closed: the end is exclusive.
            "2026-11-26T15:59:59Z | true  | 2026-11-26T15:59:59Z",
            "2026-11-26T16:00:00Z | false | 2026-11-27T08:00:00Z",
            // Friday evening waits over the weekend for Monday 09:00.
            "2026-11-27T16:30:00Z | false | 2026-11-30T08:00:00Z",
            "2026-11-28T12:00:00Z | false | 2026-11-30T08:00:00Z",
            "2026-11-29T23:59:00Z | false | 2026-11-30T08:00:00Z",
            // Summer (CEST, UTC+2): 09:00 local is 07:00 UTC.
            "2026-07-15T07:00:00Z | true  | 2026-07-15T07:00:00Z",
            "2026-07-15T06:59:00Z | false | 2026-07-15T07:00:00Z",
            // Spring forward on Sunday 2026-03-29: Friday evening (CET) opens Monday 09:00 CEST = 07:00 UTC.
            "2026-03-27T17:00:00Z | false | 2026-03-30T07:00:00Z",
            "2026-03-30T07:00:00Z | true  | 2026-03-30T07:00:00Z",
            // 08:00 UTC on the Friday before was still 09:00 CET.
            "2026-03-27T08:00:00Z | true  | 2026-03-27T08:00:00Z",
            // Fall back on Sunday 2026-10-25: Friday evening (CEST) opens Monday 09:00 CET = 08:00 UTC.
            "2026-10-23T15:30:00Z | false | 2026-10-26T08:00:00Z",
            "2026-10-26T07:30:00Z | false | 2026-10-26T08:00:00Z"})
    void berlin(Instant at, boolean open, Instant next) {
        assertEquals(open, BERLIN.isOpen(at));
        assertEquals(next, BERLIN.nextOpening(at));
    }

    @ParameterizedTest(name = "New York at {0}: open {1}, next opening {2}")
    @CsvSource(delimiter = '|', value = {
            // EST (UTC-5): 09:00 local is 14:00 UTC.
            "2026-11-26T14:00:00Z | true  | 2026-11-26T14:00:00Z",
            // Friday 17:00 EST (22:00 UTC) waits for Monday.
            "2026-11-27T22:00:00Z | false | 2026-11-30T14:00:00Z",
            // 02:00 UTC Saturday is still Friday 21:00 local: the zone, not UTC, decides the day.
            "2026-11-28T02:00:00Z | false | 2026-11-30T14:00:00Z",
            // US spring forward on Sunday 2026-03-08: Monday 09:00 EDT is 13:00 UTC.
            "2026-03-06T23:00:00Z | false | 2026-03-09T13:00:00Z",
            // US fall back on Sunday 2026-11-01: Monday 09:00 EST is 14:00 UTC.
            "2026-10-30T21:30:00Z | false | 2026-11-02T14:00:00Z"})
    void newYork(Instant at, boolean open, Instant next) {
        assertEquals(open, NEW_YORK.isOpen(at));
        assertEquals(next, NEW_YORK.nextOpening(at));
    }

    @Test
    void hoursStartingInTheSpringForwardGapOpenWhenTheGapEnds() {
        // 02:30 does not exist in Berlin on 2026-03-29; 03:00 CEST (01:00 UTC) is the first time after it.
        BusinessHours sundayNight = new BusinessHours(ZoneId.of("Europe/Berlin"), EnumSet.of(DayOfWeek.SUNDAY),
                LocalTime.of(2, 30), LocalTime.of(6, 0));
        Instant gapEnd = Instant.parse("2026-03-29T01:00:00Z");
        assertEquals(gapEnd, sundayNight.nextOpening(Instant.parse("2026-03-28T20:00:00Z")));
        assertEquals(true, sundayNight.isOpen(gapEnd));
    }

    @Test
    void refusesHoursThatCrossMidnightOrHaveNoDays() {
        ZoneId utc = ZoneId.of("UTC");
        assertThrows(IllegalArgumentException.class,
                () -> new BusinessHours(utc, WEEKDAYS, LocalTime.of(22, 0), LocalTime.of(6, 0)));
        assertThrows(IllegalArgumentException.class,
                () -> new BusinessHours(utc, Set.of(), LocalTime.of(9, 0), LocalTime.of(17, 0)));
    }
}
