package dev.tocsin.escalation.schedule.model;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;

/** A half-open range of instants {@code [start, end)}; every query and shift in the model uses one. */
public record TimeRange(Instant start, Instant end) {

    public TimeRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a range must end after it starts: " + start + " .. " + end);
        }
    }

    /** A range from ISO-8601 instants with an offset; seconds may be left out ({@code 2026-03-08T07:00Z}). */
    public static TimeRange of(String start, String end) {
        return new TimeRange(instant(start), instant(end));
    }

    static Instant instant(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    public boolean overlaps(TimeRange other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    /** The overlap with {@code other}; call only when they {@link #overlaps overlap}. */
    public TimeRange intersect(TimeRange other) {
        return new TimeRange(max(start, other.start), min(end, other.end));
    }

    /** The time the ranges cover together, overlaps counted once; in any order. */
    public static Duration covered(Collection<TimeRange> ranges) {
        Duration total = Duration.ZERO;
        Instant reached = Instant.MIN;
        for (TimeRange r : ranges.stream().sorted(Comparator.comparing(TimeRange::start)).toList()) {
            Instant from = max(r.start, reached);
            if (r.end.isAfter(from)) {
                total = total.plus(Duration.between(from, r.end));
                reached = r.end;
            }
        }
        return total;
    }

    static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    @Override
    public String toString() {
        return start + ".." + end;
    }
}
