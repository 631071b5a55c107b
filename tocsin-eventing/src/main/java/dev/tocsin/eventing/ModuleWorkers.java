package dev.tocsin.eventing;

import dev.tocsin.eventing.DeadlineLeases.Claimed;
import dev.tocsin.eventing.DeadlineLeases.LeaseLost;
import dev.tocsin.eventing.DeadlineModule.Outcome;
import io.quarkus.vertx.VertxContextSupport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One module's claimer and its workers. The claimer leases as many due deadlines as the module has
 * idle workers (at most a batch), so a leased deadline never waits in a queue; each runs on a
 * virtual thread of its own, which blocks on the module's reactive calls and never on a Vert.x
 * event loop. A module whose provider hangs fills only its own workers.
 */
final class ModuleWorkers {

    private static final Logger LOG = Logger.getLogger(ModuleWorkers.class);

    /** Called after a recording transaction committed (wakes the outbox relay, looks for armed deadlines). */
    interface Committed {
        void run();
    }

    private final DeadlineModule module;
    private final Clock clock;
    private final EventingConfig.Engine settings;
    private final Committed committed;
    private final ModuleMetrics metrics;
    private final int batchSize;
    private final Semaphore idle;
    private final Semaphore wakeUps = new Semaphore(0);
    private final ExecutorService workers;
    private volatile boolean running;
    private Thread claimer;

    ModuleWorkers(DeadlineModule module, Clock clock, EventingConfig.Engine settings, ModuleMetrics metrics,
            Committed committed) {
        this.module = module;
        this.clock = clock;
        this.settings = settings;
        this.metrics = metrics;
        this.committed = committed;
        int count = settings.workersOf(module.kind());
        if (count < 1) {
            throw new IllegalArgumentException("the engine module " + module.kind() + " needs at least one worker");
        }
        this.idle = new Semaphore(count);
        this.batchSize = Math.max(1, settings.batchSize());
        this.workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("deadline-" + module.kind() + "-", 0).factory());
    }

    void start() {
        running = true;
        claimer = Thread.ofPlatform().daemon().name("deadline-engine-" + module.kind()).start(this::run);
    }

    void wake() {
        wakeUps.release();
    }

    void stop() throws InterruptedException {
        running = false;
        wake();
        if (claimer != null) {
            claimer.interrupt();
            claimer.join(5_000);
        }
        // Deadlines still firing keep their leases; another replica (or this one, restarted) fires
        // them again once the lease runs out.
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void run() {
        while (running) {
            try {
                idle.acquire();
                int taken = 1 + idle.drainPermits();
                int wanted = Math.min(batchSize, taken);
                Batch batch = Batch.NONE;
                try {
                    wakeUps.drainPermits();
                    batch = claimAndStart(wanted);
                } finally {
                    settle(taken, batch.claimed());
                }
                // A short batch may only mean another replica holds the rest: look again at once,
                // and sleep only when nothing at all was due.
                if (batch.claimed() == 0) {
                    wakeUps.tryAcquire(untilNext(batch), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                if (!running) {
                    return;
                }
                // With its stack: a claim fails when the database does, and anything else is a defect to find.
                LOG.warnf(e, "claiming %s deadlines failed", module.kind());
                pause();
            }
        }
    }

    /**
     * Hands back the workers a claim took but did not use. A claim that leased more deadlines than
     * it asked for (a defect of the claim statement, once seen under load) still fires them all, so
     * none waits for its lease to run out; the claimer then waits until the extra workers are back,
     * and the module is never left counting more idle workers than it has.
     */
    private void settle(int taken, int claimed) throws InterruptedException {
        if (claimed <= taken) {
            idle.release(taken - claimed);
            return;
        }
        LOG.errorf("a claim of %s deadlines leased %d for %d idle workers; waiting for the extra ones to finish",
                module.kind(), claimed, taken);
        idle.acquire(claimed - taken);
    }

    /** How many deadlines a claim took, and when the next one not yet due falls due. */
    private record Batch(int claimed, Optional<Instant> nextDue) {
        static final Batch NONE = new Batch(0, Optional.empty());
    }

    /** Claims up to {@code limit} due deadlines and hands each to a worker. */
    private Batch claimAndStart(int limit) throws Throwable {
        Instant now = clock.instant();
        DeadlineLeases.Claim claim = VertxContextSupport.subscribeAndAwait(() ->
                DeadlineLeases.claim(module.kind(), limit, now, now.plus(settings.lease())));
        for (Claimed claimed : claim.claimed()) {
            workers.execute(() -> fire(claimed));
        }
        return new Batch(claim.claimed().size(), claim.nextDue());
    }

    /** Sleeps until the next deadline falls due, or the poll interval, whichever is sooner. */
    private long untilNext(Batch batch) {
        long poll = settings.pollInterval().toMillis();
        return batch.nextDue()
                .map(due -> Math.max(0, Math.min(poll, Duration.between(clock.instant(), due).toMillis())))
                .orElse(poll);
    }

    private void fire(Claimed claimed) {
        Deadline deadline = claimed.deadline();
        metrics.inFlight.incrementAndGet();
        metrics.lateness.record(Duration.between(deadline.dueAt(), clock.instant()));
        long started = System.nanoTime();
        try {
            // Outside any transaction: a provider call holds neither a row lock nor a connection.
            Outcome outcome = VertxContextSupport.subscribeAndAwait(() -> module.fire(deadline));
            VertxContextSupport.subscribeAndAwait(() -> AfterCommit.transaction(() -> DeadlineLeases.hold(claimed)
                    .chain(outcome::record)
                    .chain((Optional<Instant> next) -> next.isPresent()
                            ? DeadlineLeases.move(claimed, next.get(), 0)
                            : DeadlineLeases.delete(claimed))));
            metrics.fired.increment();
            committed.run();
        } catch (LeaseLost e) {
            metrics.leasesLost.increment();
            LOG.debugf("%s, its outcome is not recorded", e.getMessage());
        } catch (Throwable e) {
            metrics.failures.increment();
            retry(claimed, e);
        } finally {
            metrics.firing.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            metrics.inFlight.decrementAndGet();
            idle.release();
        }
    }

    /** Moves a failed deadline on with backoff (1 s, 2 s, 4 s, … up to 5 min), if still ours. */
    private void retry(Claimed claimed, Throwable failure) {
        Deadline deadline = claimed.deadline();
        Duration backoff = Duration.ofSeconds(Math.min(300, 1L << Math.min(deadline.attempts(), 8)));
        LOG.warnf("%s %s failed (attempt %d), again in %s: %s", deadline.kind(), deadline.ref(),
                deadline.attempts() + 1, backoff, failure.toString());
        try {
            VertxContextSupport.subscribeAndAwait(() -> AfterCommit.transaction(() ->
                    DeadlineLeases.move(claimed, clock.instant().plus(backoff), deadline.attempts() + 1)));
        } catch (Throwable e) {
            LOG.warnf("%s %s: recording the failure failed too, due again when its lease runs out: %s",
                    deadline.kind(), deadline.ref(), e.toString());
        }
    }

    private void pause() {
        try {
            wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
