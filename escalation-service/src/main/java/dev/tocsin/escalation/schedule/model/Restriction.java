package dev.tocsin.escalation.schedule.model;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A window of time of day on some weekdays, in the layer's zone, when the layer has shifts
 * ("Mon–Fri 09:00–17:00"). A window whose end is at or before its start runs past midnight and
 * belongs to the weekday it starts on (Fri 22:00–06:00 ends Saturday 06:00); equal ends mean
 * 24 hours. A layer with several restrictions has shifts in their union; with none, always.
 * Ends are wall-clock times, so a window is shorter or longer on a daylight-saving night, and one
 * lying wholly in a skipped hour does not happen that day.
 */
public record Restriction(Set<DayOfWeek> days, LocalTime from, LocalTime until) {

    public Restriction {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("a restriction needs at least one weekday");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
    }

    public static Restriction weekdays(String from, String until) {
        return new Restriction(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.parse(from),
                LocalTime.parse(until));
    }

    public static Restriction everyDay(String from, String until) {
        return new Restriction(EnumSet.allOf(DayOfWeek.class), LocalTime.parse(from), LocalTime.parse(until));
    }

    /** This restriction's window starting on {@code date}, or null when it does not apply on that weekday. */
    TimeRange window(LocalDate date, ZoneId zone) {
        if (!days.contains(date.getDayOfWeek())) {
            return null;
        }
        LocalDate endDate = until.isAfter(from) ? date : date.plusDays(1);
        Instant start = ZonedDateTime.ofLocal(date.atTime(from), zone, null).toInstant();
        Instant end = ZonedDateTime.ofLocal(endDate.atTime(until), zone, null).toInstant();
        // 02:30-03:00 on a night that skips 02:00-03:00 is no time at all: that day it has no window.
        return end.isAfter(start) ? new TimeRange(start, end) : null;
    }
}
