package dev.tocsin.escalation.schedule;

import dev.tocsin.escalation.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAmount;
import java.util.List;

/**
 * Who is on call at an instant. Shifts given as a period ({@code P7D}) step in the schedule's
 * local time, so a handoff at 09:00 stays at 09:00 across daylight-saving changes (that shift is
 * then an hour shorter or longer); shifts given as a duration ({@code PT12H}) are exact elapsed time.
 * Before the rotation starts, its first participant holds the first shift.
 *
 * <p>The shift number is computed, not counted: exactly for durations, and for periods from the
 * mean Gregorian month and then corrected by at most a few steps, so the work does not grow with
 * the distance between the rotation's start and the instant.
 */
public record OnCall(String primary, String secondary, Instant shiftStart, Instant shiftEnd) {

    /** 400 years of the Gregorian calendar are 146,097 days in 4,800 months. */
    private static final double DAYS_PER_MONTH = 146_097.0 / 4_800;
    /** The estimate for periods is off by a few shifts at most; more means a bug, not a slow answer. */
    private static final int MAX_CORRECTIONS = 16;

    public static OnCall at(Schedule schedule, Instant instant) {
        ZoneId zone = ZoneId.of(schedule.timeZone());
        TemporalAmount shift = ShiftLength.parse(schedule.rotation().shiftLength());
        ZonedDateTime start = schedule.rotation().start().atZone(zone);
        long k = instant.isBefore(start.toInstant()) ? 0 : shiftNumber(start, shift, instant);
        List<String> people = schedule.rotation().participants();
        int n = people.size();
        return new OnCall(people.get((int) Math.floorMod(k, (long) n)), people.get((int) Math.floorMod(k + 1, (long) n)),
                shiftStart(start, shift, k), shiftStart(start, shift, k + 1));
    }

    /** The largest k with shiftStart(k) ≤ instant, for an instant at or after the start. */
    private static long shiftNumber(ZonedDateTime start, TemporalAmount shift, Instant instant) {
        Duration elapsed = Duration.between(start.toInstant(), instant);
        if (shift instanceof Duration d) {
            return elapsed.dividedBy(d);
        }
        Period p = (Period) shift;
        double shiftDays = p.toTotalMonths() * DAYS_PER_MONTH + p.getDays();
        long k = Math.max(0, (long) Math.floor(elapsed.toSeconds() / 86_400.0 / shiftDays));
        for (int i = 0; k > 0 && shiftStart(start, shift, k).isAfter(instant); i++) {
            k--;
            guard(i);
        }
        for (int i = 0; !shiftStart(start, shift, k + 1).isAfter(instant); i++) {
            k++;
            guard(i);
        }
        return k;
    }

    private static Instant shiftStart(ZonedDateTime start, TemporalAmount shift, long k) {
        if (shift instanceof Duration d) {
            return start.toInstant().plus(d.multipliedBy(k));
        }
        Period p = (Period) shift;
        LocalDateTime local = start.toLocalDateTime()
                .plusMonths(Math.multiplyExact(p.toTotalMonths(), k))
                .plusDays(Math.multiplyExact((long) p.getDays(), k));
        // Resolved as ZonedDateTime.plus(Period) does: the start's offset is preferred in an overlap.
        return ZonedDateTime.ofLocal(local, start.getZone(), start.getOffset()).toInstant();
    }

    private static void guard(int corrections) {
        if (corrections > MAX_CORRECTIONS) {
            throw new IllegalStateException("shift estimate off by more than " + MAX_CORRECTIONS + " shifts");
        }
    }
}
