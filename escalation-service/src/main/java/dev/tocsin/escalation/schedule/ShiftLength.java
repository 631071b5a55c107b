package dev.tocsin.escalation.schedule;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;

/**
 * A rotation's shift length: an ISO-8601 period stepping in local time ({@code P7D}, {@code P1M})
 * or a duration of exact elapsed time ({@code PT12H}), from one minute to a year. Shorter shifts
 * mean nothing to a person on call and make every answer a long count; longer ones overflow dates.
 */
public final class ShiftLength {

    public static final Duration MIN = Duration.ofMinutes(1);
    public static final Duration MAX = Duration.ofDays(366);
    /** A period's longest month counts 31 days, so P1Y (and P12M, P11M30D) fit. */
    private static final long MAX_PERIOD_DAYS = 12 * 31;
    public static final String RULE = "must be an ISO-8601 period (P7D) or duration (PT12H) from PT1M to P366D or P1Y";

    private ShiftLength() {
    }

    /** Parses and checks a shift length; throws IllegalArgumentException saying {@link #RULE}. */
    public static TemporalAmount parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException(RULE);
        }
        try {
            return text.indexOf('T') >= 0 ? check(Duration.parse(text)) : check(Period.parse(text));
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException(RULE, e);
        }
    }

    private static Duration check(Duration d) {
        if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(RULE);
        }
        return d;
    }

    private static Period check(Period p) {
        // A period with any negative part could step backwards; a mixed one like P1M-20D is refused too.
        boolean positive = !p.isZero() && p.getYears() >= 0 && p.getMonths() >= 0 && p.getDays() >= 0;
        if (!positive || Math.addExact(Math.multiplyExact(p.toTotalMonths(), 31L), (long) p.getDays()) > MAX_PERIOD_DAYS) {
            throw new IllegalArgumentException(RULE);
        }
        return p;
    }
}
