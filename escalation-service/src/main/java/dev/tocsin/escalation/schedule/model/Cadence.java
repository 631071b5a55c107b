package dev.tocsin.escalation.schedule.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAmount;
import java.util.Objects;

/**
 * How long a layer's shift is. {@link Local} (a {@link Period} such as {@code P1D} or {@code P7D})
 * steps in the layer's local time, so a 09:00 handoff stays at 09:00 across daylight-saving
 * changes and that one shift is an hour (on Lord Howe half an hour) shorter or longer.
 * {@link Fixed} (a {@link Duration} such as {@code PT8H} or {@code PT12H}) is exact elapsed time,
 * so its local handoff moves by the clock change instead.
 *
 * <p>A local handoff that falls into a spring-forward gap (02:30 on a night that skips 02:00–03:00)
 * happens at that wall time read with the offset before the gap, which is the same instant as
 * one gap length later (03:30 new time) — the rule of java.time and of RFC 5545 §3.3.5. A handoff
 * in a fall-back overlap happens at its first occurrence. Either way shifts stay contiguous.
 */
public sealed interface Cadence {

    /** The instant of handoff {@code k} (0 = the first) of a rotation first handing off at {@code first}. */
    Instant handoff(LocalDateTime first, ZoneId zone, long k);

    /** The largest {@code k ≥ 0} whose handoff is at or before {@code instant}, or -1 if none is. */
    long index(LocalDateTime first, ZoneId zone, Instant instant);

    /** Calendar length in local time. */
    record Local(Period period) implements Cadence {
        /** 400 Gregorian years have 146,097 days in 4,800 months. */
        private static final double DAYS_PER_MONTH = 146_097.0 / 4_800;
        /** The estimate is off by a few shifts at most; more means a bug, not a slow answer. */
        private static final int MAX_CORRECTIONS = 16;

        public Local {
            Objects.requireNonNull(period, "period");
            if (period.isZero() || period.isNegative() || period.getYears() < 0 || period.getMonths() < 0
                    || period.getDays() < 0) {
                throw new IllegalArgumentException("a local shift length must be a positive period: " + period);
            }
        }

        @Override
        public Instant handoff(LocalDateTime first, ZoneId zone, long k) {
            LocalDateTime local = first.plusMonths(Math.multiplyExact(period.toTotalMonths(), k))
                    .plusDays(Math.multiplyExact((long) period.getDays(), k));
            // No preferred offset: an overlap resolves to its earlier offset, a gap to the offset before it.
            return ZonedDateTime.ofLocal(local, zone, null).toInstant();
        }

        @Override
        public long index(LocalDateTime first, ZoneId zone, Instant instant) {
            if (instant.isBefore(handoff(first, zone, 0))) {
                return -1;
            }
            double days = Duration.between(handoff(first, zone, 0), instant).toSeconds() / 86_400.0;
            double shiftDays = period.toTotalMonths() * DAYS_PER_MONTH + period.getDays();
            long k = Math.max(0, (long) Math.floor(days / shiftDays));
            for (int i = 0; k > 0 && handoff(first, zone, k).isAfter(instant); i++) {
                k--;
                guard(i);
            }
            for (int i = 0; !handoff(first, zone, k + 1).isAfter(instant); i++) {
                k++;
                guard(i);
            }
            return k;
        }

        private static void guard(int corrections) {
            if (corrections > MAX_CORRECTIONS) {
                throw new IllegalStateException("shift estimate off by more than " + MAX_CORRECTIONS + " shifts");
            }
        }
    }

    /** Exact elapsed length, at least a minute. */
    record Fixed(Duration duration) implements Cadence {
        public Fixed {
            Objects.requireNonNull(duration, "duration");
            if (duration.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("a fixed shift length must be at least a minute: " + duration);
            }
        }

        @Override
        public Instant handoff(LocalDateTime first, ZoneId zone, long k) {
            return ZonedDateTime.ofLocal(first, zone, null).toInstant().plus(duration.multipliedBy(k));
        }

        @Override
        public long index(LocalDateTime first, ZoneId zone, Instant instant) {
            Duration elapsed = Duration.between(handoff(first, zone, 0), instant);
            return elapsed.isNegative() ? -1 : elapsed.dividedBy(duration);
        }
    }

    static Cadence hourly() {
        return new Fixed(Duration.ofHours(1));
    }

    static Cadence daily() {
        return new Local(Period.ofDays(1));
    }

    static Cadence weekly() {
        return new Local(Period.ofWeeks(1));
    }

    /** A {@link Period} becomes {@link Local}, a {@link Duration} {@link Fixed}. */
    static Cadence of(TemporalAmount amount) {
        return switch (amount) {
            case Period p -> new Local(p);
            case Duration d -> new Fixed(d);
            default -> throw new IllegalArgumentException("a shift length is a Period or a Duration: " + amount);
        };
    }
}
