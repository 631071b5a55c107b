package dev.tocsin.ingest.alert.store;

import java.time.Duration;

/**
 * How much one read may scan in the service: rows, and time. The statement timeout stops the
 * database; this stops the RE2 matching over the rows it returned, which a long regex against long
 * label values makes cost up to tens of milliseconds a row.
 */
public final class ScanBudget {

    /** No bound, for reads that match nothing in the service: its time never runs out. */
    public static final ScanBudget NONE = new ScanBudget(Integer.MAX_VALUE, null, Duration.ofSeconds(1));

    private final int maxRows;
    private final Duration time;
    private final Duration retryAfter;
    private final long deadline;

    /** At most {@code maxRows} rows within {@code time} from now; {@code retryAfter} for the 503 when it is up. */
    public static ScanBudget of(int maxRows, Duration time, Duration retryAfter) {
        return new ScanBudget(maxRows, time, retryAfter);
    }

    private ScanBudget(int maxRows, Duration time, Duration retryAfter) {
        this.maxRows = maxRows;
        this.time = time;
        this.retryAfter = retryAfter;
        this.deadline = time == null ? 0 : System.nanoTime() + time.toNanos();
    }

    /** Most rows to scan. */
    public int maxRows() {
        return maxRows;
    }

    /** Throws {@link SearchBusy} once the read has run longer than its time. */
    public void checkTime() {
        if (time != null && System.nanoTime() - deadline > 0) {
            throw tooLong();
        }
    }

    /** The {@link SearchBusy} of a read stopped for running too long, by the database or by {@link #checkTime}. */
    SearchBusy tooLong() {
        return new SearchBusy("the search ran longer than " + time.toMillis() + " ms and was stopped; narrow it"
                + " by service, status, since or an equality matcher", retryAfter);
    }
}
