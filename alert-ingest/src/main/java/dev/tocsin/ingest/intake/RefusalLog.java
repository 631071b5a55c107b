package dev.tocsin.ingest.intake;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A warning that intake gives for each refused request (503s of an outage or an overload), written
 * at most once per ten seconds with the number of refusals it stands for: under load a line per
 * request would cost a core of its own and bury every other line.
 */
public final class RefusalLog {

    private static final long EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private final Logger log;
    private final LongSupplier nanoTime;
    private final AtomicLong unlogged = new AtomicLong();
    private final AtomicLong lastLogged;

    public RefusalLog(Class<?> category) {
        this(category, System::nanoTime);
    }

    RefusalLog(Class<?> category, LongSupplier nanoTime) {
        this.log = Logger.getLogger(category);
        this.nanoTime = nanoTime;
        this.lastLogged = new AtomicLong(nanoTime.getAsLong() - EVERY_NANOS);
    }

    /**
     * Counts one refusal; logs {@code what} with the count when ten seconds passed since the last
     * line. The text is built only for a line that is written, not for every refusal.
     */
    public void refused(Supplier<String> what) {
        long count = due();
        if (count > 0) {
            log.warnf("%s (%d request%s since the last such line)", what.get(), count, count == 1 ? "" : "s");
        }
    }

    /** Counts one refusal: the refusals the line to write now stands for, or 0 when no line is due. */
    long due() {
        long count = unlogged.incrementAndGet();
        long last = lastLogged.get();
        long now = nanoTime.getAsLong();
        if (now - last >= EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            unlogged.addAndGet(-count);
            return count;
        }
        return 0;
    }
}
