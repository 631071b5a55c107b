package dev.tocsin.escalation.schedule;

import dev.tocsin.escalation.config.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAmount;
import java.util.List;

/**
 * Who is on call at an instant. Shifts given as a period ({@code P7D}) step in the schedule's
 * local time, so a handoff at 09:00 stays at 09:00 across daylight-saving changes (that shift is
 * then an hour shorter or longer); shifts given as a duration ({@code PT12H}) are exact elapsed time.
 */
public record OnCall(String primary, String secondary, Instant shiftStart, Instant shiftEnd) {

    public static OnCall at(Schedule schedule, Instant instant) {
        ZoneId zone = ZoneId.of(schedule.timeZone());
        TemporalAmount shift = shiftLength(schedule.rotation().shiftLength());
        ZonedDateTime start = schedule.rotation().start().atZone(zone);
        ZonedDateTime t = instant.atZone(zone);
        long k = t.isBefore(start) ? 0 : estimate(start, t, shift);
        while (k > 0 && shiftStart(start, shift, k).isAfter(t)) {
            k--;
        }
        while (!shiftStart(start, shift, k + 1).isAfter(t)) {
            k++;
        }
        List<String> people = schedule.rotation().participants();
        int n = people.size();
        return new OnCall(people.get((int) (k % n)), people.get((int) ((k + 1) % n)),
                shiftStart(start, shift, k).toInstant(), shiftStart(start, shift, k + 1).toInstant());
    }

    /** Parses a shift length; throws IllegalArgumentException when it is not a positive period or duration. */
    public static TemporalAmount shiftLength(String text) {
        TemporalAmount amount = text.startsWith("PT") ? Duration.parse(text) : Period.parse(text);
        boolean positive = amount instanceof Duration d ? !d.isNegative() && !d.isZero()
                : !((Period) amount).isNegative() && !((Period) amount).isZero();
        if (!positive) {
            throw new IllegalArgumentException("must be positive");
        }
        return amount;
    }

    private static ZonedDateTime shiftStart(ZonedDateTime start, TemporalAmount shift, long k) {
        if (shift instanceof Duration d) {
            return start.plus(d.multipliedBy(k));
        }
        return start.plus(((Period) shift).multipliedBy((int) k));
    }

    private static long estimate(ZonedDateTime start, ZonedDateTime t, TemporalAmount shift) {
        Duration elapsed = Duration.between(start, t);
        long approx = shift instanceof Duration d ? d.toSeconds()
                : ((Period) shift).toTotalMonths() * 30 * 86_400L + ((Period) shift).getDays() * 86_400L;
        return Math.max(0, elapsed.toSeconds() / approx - 1);
    }
}
