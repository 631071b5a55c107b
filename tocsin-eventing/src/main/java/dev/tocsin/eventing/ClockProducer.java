package dev.tocsin.eventing;

import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The one source of "now" for every component; tests replace it to control time. It is the
 * system clock unless {@code tocsin.clock.offset-file} names a file (smoke tests and demos only):
 * then it is the system clock plus that file's offset, watched so that a harness moving the time
 * of all four services wakes each deadline engine at once.
 */
@ApplicationScoped
public class ClockProducer {

    private static final Logger LOG = Logger.getLogger(ClockProducer.class);

    private final ClockConfig config;
    private final Instance<DeadlineEngine> engine;
    private final Optional<ShiftedClock> shifted;
    private volatile Thread watcher;

    ClockProducer(ClockConfig config, Instance<DeadlineEngine> engine) {
        this.config = config;
        this.engine = engine;
        this.shifted = config.offsetFile().map(file -> new ShiftedClock(Clock.systemUTC(), file));
        shifted.ifPresent(this::refresh);
    }

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return shifted.<Clock>map(c -> c).orElseGet(Clock::systemUTC);
    }

    /** The offset in use, or empty when the clock is the system clock; shown by {@link ClockCheck}. */
    Optional<ShiftedClock> shifted() {
        return shifted;
    }

    void start(@Observes StartupEvent event) {
        shifted.ifPresent(clock -> {
            LOG.warnf("the clock is the system clock plus the offset in %s (tocsin.clock.offset-file), now +%s:"
                    + " for tests and demos only", clock.file(), clock.offset());
            Thread thread = new Thread(() -> watch(clock), "clock-offset-watcher");
            thread.setDaemon(true);
            thread.start();
            watcher = thread;
        });
    }

    void stop(@Observes ShutdownEvent event) {
        Thread thread = watcher;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void watch(ShiftedClock clock) {
        long interval = config.watchInterval().toMillis();
        while (!Thread.currentThread().isInterrupted()) {
            if (refresh(clock)) {
                LOG.infof("the clock moved: now +%s", clock.offset());
                // Deadlines that became due are looked for now, not at the next poll.
                engine.stream().forEach(DeadlineEngine::wake);
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean refresh(ShiftedClock clock) {
        try {
            return clock.refresh();
        } catch (IOException e) {
            LOG.warnf("the clock stays at +%s: %s", clock.offset(), e.getMessage());
            return false;
        }
    }
}
