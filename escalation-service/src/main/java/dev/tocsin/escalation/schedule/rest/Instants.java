package dev.tocsin.escalation.schedule.rest;

import dev.tocsin.escalation.schedule.model.TimeRange;
import dev.tocsin.eventing.api.FieldErrors;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The instants and ranges schedule queries take, bounded so every answer stays cheap: an instant
 * within ten years of now (nobody plans a rotation further out), a range of at most 93 days
 * (a quarter; a longer view is several calls).
 */
public final class Instants {

    static final int YEARS = 10;
    static final Duration LONGEST_RANGE = Duration.ofDays(93);
    static final Duration QUARTER = Duration.ofDays(92);
    public static final Duration WEEK = Duration.ofDays(7);

    private Instants() {
    }

    /** The instant of query parameter {@code field}, or {@code fallback} when it is absent. */
    static Instant instant(String field, String text, Instant now, Instant fallback) {
        FieldErrors errors = new FieldErrors();
        Instant instant = instant(field, text, now, fallback, errors);
        errors.throwIfAny();
        return instant;
    }

    /** As {@link #instant(String, String, Instant, Instant)}, adding to {@code errors}; null when it is bad. */
    public static Instant instant(String field, String text, Instant now, Instant fallback, FieldErrors errors) {
        if (text == null) {
            return fallback;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            errors.add(field, "must be an instant like 2026-03-29T01:30:00Z");
            return null;
        }
        return within(field, instant, now, errors) ? instant : null;
    }

    /** Whether {@code instant} is within {@value #YEARS} years of now; adds to {@code errors} naming {@code field} when not. */
    public static boolean within(String field, Instant instant, Instant now, FieldErrors errors) {
        Instant earliest = now.atOffset(ZoneOffset.UTC).minusYears(YEARS).toInstant();
        Instant latest = now.atOffset(ZoneOffset.UTC).plusYears(YEARS).toInstant();
        if (instant.isBefore(earliest) || instant.isAfter(latest)) {
            errors.add(field, "must be within " + YEARS + " years of now, from " + earliest + " to " + latest);
            return false;
        }
        return true;
    }

    /**
     * A range looking back, for what happened: {@code to} defaults to now, {@code from} to
     * {@code length} before {@code to}; bounded as {@link #range}.
     */
    public static TimeRange pastRange(String from, String to, Instant now, Duration length, FieldErrors errors) {
        Instant end = instant("to", to, now, now, errors);
        Instant start = instant("from", from, now, end == null ? now : end.minus(length), errors);
        return start == null || end == null ? null : bounded(start, end, errors);
    }

    /**
     * The range {@code [from, to)} of two query parameters: {@code from} defaults to now, {@code to}
     * to {@code length} after {@code from}. Adds to {@code errors} and answers null when either is bad.
     */
    public static TimeRange range(String from, String to, Instant now, Duration length, FieldErrors errors) {
        Instant start = instant("from", from, now, now, errors);
        if (start == null) {
            instant("to", to, now, now, errors);
            return null;
        }
        Instant end = instant("to", to, now, start.plus(length), errors);
        return end == null ? null : bounded(start, end, errors);
    }

    /** {@code [start, end)} when it is not empty and at most 93 days long; else null, adding to {@code errors}. */
    private static TimeRange bounded(Instant start, Instant end, FieldErrors errors) {
        if (!end.isAfter(start)) {
            errors.add("to", "must be after from (" + start + ")");
            return null;
        }
        if (Duration.between(start, end).compareTo(LONGEST_RANGE) > 0) {
            errors.add("to", "must be at most 93 days after from (" + start + "); ask for a longer view in parts");
            return null;
        }
        return new TimeRange(start, end);
    }
}
