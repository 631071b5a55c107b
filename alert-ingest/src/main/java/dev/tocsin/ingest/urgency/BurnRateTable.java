package dev.tocsin.ingest.urgency;

import dev.tocsin.events.alert.Urgency;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The SRE workbook's multiwindow, multi-burn-rate table for a 30-day error budget: page when 2% of
 * the budget burns in 1 hour (14.4×) or 5% in 6 hours (6×); ticket when 10% burns in 1 day (3×)
 * or in 3 days (1×). Each window has one threshold and one urgency.
 */
final class BurnRateTable {

    /** One row: at or above {@code threshold} over {@code window}, the alert gets {@code urgency}. */
    record Row(Duration window, double threshold, Urgency urgency) {
    }

    static final List<Row> ROWS = List.of(
            new Row(Duration.ofHours(1), 14.4, Urgency.PAGE),
            new Row(Duration.ofHours(6), 6, Urgency.PAGE),
            new Row(Duration.ofDays(1), 3, Urgency.TICKET),
            new Row(Duration.ofDays(3), 1, Urgency.TICKET));

    /**
     * How far an alert's window may be from a row's and still use it. Pyrra scales its windows to
     * the SLO's period (a 30-day SLO gets 1h4m, 6h26m, 1d1h43m and 4d6h51m); 1.5 takes those to
     * their rows while a 2h or 12h window, halfway between two rows, matches none.
     */
    private static final double NEAR = 1.5;

    private BurnRateTable() {
    }

    /** The row for an alert's window: an exact or near match, none for windows the table does not cover. */
    static Optional<Row> row(Duration window) {
        return ROWS.stream()
                .filter(row -> ratio(row.window(), window) <= NEAR)
                .min(Comparator.comparingDouble(row -> ratio(row.window(), window)));
    }

    private static double ratio(Duration a, Duration b) {
        double x = a.toMillis();
        double y = b.toMillis();
        return Math.max(x, y) / Math.min(x, y);
    }
}
