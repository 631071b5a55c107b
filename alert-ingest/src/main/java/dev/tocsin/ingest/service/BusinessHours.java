package dev.tocsin.ingest.service;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When the team that owns a service works, in its own time zone: tickets wait for these hours
 * (SRE book ch. 11: low-priority alerts are handled during business hours). Times are wall-clock
 * times of the zone, so opening stays at 09:00 across daylight-saving changes.
 *
 * @param start inclusive, before {@code end}: a day's hours never cross midnight
 * @param end exclusive
 */
public record BusinessHours(ZoneId timeZone, Set<DayOfWeek> days, LocalTime start, LocalTime end) {

    public BusinessHours {
        Objects.requireNonNull(timeZone, "timeZone");
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("business hours need at least one day");
        }
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("business hours must start before they end: " + start + "-" + end);
        }
        days = Set.copyOf(EnumSet.copyOf(days));
    }

    public boolean isOpen(Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, timeZone);
        LocalTime time = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
    }

    /** The first instant >= at when business hours are open (at itself when open now). */
    public Instant nextOpening(Instant at) {
        if (isOpen(at)) {
            return at;
        }
        LocalDate today = LocalDate.ofInstant(at, timeZone);
        for (int day = 0; day <= 7; day++) {
            LocalDate date = today.plusDays(day);
            if (!days.contains(date.getDayOfWeek())) {
                continue;
            }
            Instant opening = opening(date);
            if (!opening.isBefore(at)) {
                return opening;
            }
        }
        throw new IllegalStateException("no opening within a week of " + at + " for " + this);
    }

    /**
     * The instant the hours open on {@code date}. When the start time falls into a daylight-saving
     * gap it does not exist that day; the hours then open when the gap ends, the first wall-clock
     * time after it that lies within them.
     */
    private Instant opening(LocalDate date) {
        LocalDateTime wall = LocalDateTime.of(date, start);
        ZoneOffsetTransition gap = timeZone.getRules().getTransition(wall);
        if (gap != null && gap.isGap()) {
            return gap.getInstant();
        }
        return ZonedDateTime.of(wall, timeZone).toInstant();
    }
}
