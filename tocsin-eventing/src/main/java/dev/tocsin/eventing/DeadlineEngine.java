package dev.tocsin.eventing;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Fires due deadlines, one transaction each: claim the row with {@code FOR UPDATE SKIP LOCKED},
 * let its module do the work, then delete or move the row. Rows survive restarts and replicas
 * never fire the same one twice. A module whose work fails is retried with backoff. Each module
 * is timed by {@code tocsin.engine.fire{module=…}}; how late deadlines fire is recorded in
 * {@code tocsin.deadline.lateness}.
 */
@ApplicationScoped
public class DeadlineEngine {

    private static final Logger LOG = Logger.getLogger(DeadlineEngine.class);
    private static final String CLAIM = """
            select kind, ref, due_at, payload, attempts from deadlines
            where kind in (:kinds) and due_at <= :now order by due_at limit 1 for update skip locked""";
    private static final String DELETE = "delete from deadlines where kind = :kind and ref = :ref";
    private static final String MOVE = "update deadlines set due_at = :due, attempts = :attempts where kind = :kind and ref = :ref";

    private final Map<String, DeadlineModule> modules;
    private final Clock clock;
    private final EventingConfig config;
    private final OutboxRelay relay;
    private final MeterRegistry registry;
    private final DistributionSummary lateness;
    private final Semaphore wakeUps = new Semaphore(0);
    private final java.util.concurrent.atomic.AtomicBoolean armedDueNow = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean running;
    private Thread thread;

    DeadlineEngine(Instance<DeadlineModule> modules, Clock clock, EventingConfig config, OutboxRelay relay,
            MeterRegistry registry) {
        this.modules = modules.stream().collect(Collectors.toUnmodifiableMap(DeadlineModule::kind, Function.identity()));
        this.clock = clock;
        this.config = config;
        this.relay = relay;
        this.registry = registry;
        this.lateness = DistributionSummary.builder("tocsin.deadline.lateness").baseUnit("seconds")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /**
     * Notes that a deadline due now was armed in a transaction not yet committed; the engine
     * looks for it at {@link #afterCommit()}, since a look before the commit cannot see the row.
     * Later deadlines are found by the poll.
     */
    public void wakeAt(Instant dueAt) {
        if (!dueAt.isAfter(clock.instant())) {
            armedDueNow.set(true);
        }
    }

    /** Called after a transaction commits: looks now if it armed a deadline that is already due. */
    public void afterCommit() {
        if (armedDueNow.getAndSet(false)) {
            wakeUps.release();
        }
    }

    /** Looks for due deadlines now, e.g. after a test moved the clock. */
    public void wake() {
        wakeUps.release();
    }

    void start(@Observes StartupEvent event) {
        if (modules.isEmpty()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "deadline-engine");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wake();
        if (thread != null) {
            thread.join(5_000);
        }
    }

    private void run() {
        while (running) {
            try {
                wakeUps.tryAcquire(config.engine().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                while (running && fireOne()) {
                    relay.wake();
                    armedDueNow.set(false);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                LOG.warnf("deadline engine round failed: %s", e.toString());
            }
        }
    }

    /** Fires at most one due deadline; false when none is due. */
    private boolean fireOne() throws Throwable {
        Boolean fired = VertxContextSupport.subscribeAndAwait(() -> AfterCommit.transaction(() -> claim()
                .chain(found -> found.map(this::fire).orElse(Uni.createFrom().item(false)))));
        return Boolean.TRUE.equals(fired);
    }

    private Uni<Optional<Deadline>> claim() {
        return Panache.getSession().chain(session -> session.createNativeQuery(CLAIM, Object[].class)
                        .setParameter("kinds", List.copyOf(modules.keySet()))
                        .setParameter("now", clock.instant())
                        .getResultList())
                .map(rows -> rows.stream().findFirst().map(DeadlineEngine::toDeadline));
    }

    private Uni<Boolean> fire(Deadline deadline) {
        DeadlineModule module = modules.get(deadline.kind());
        Timer.Sample sample = Timer.start(registry);
        lateness.record(Duration.between(deadline.dueAt(), clock.instant()).toMillis() / 1000.0);
        return module.fire(deadline)
                .chain(next -> next.map(due -> move(deadline, due, 0)).orElseGet(() -> delete(deadline)))
                .onFailure().recoverWithUni(e -> {
                    Duration backoff = Duration.ofSeconds(Math.min(300, 1L << Math.min(deadline.attempts(), 8)));
                    LOG.warnf("%s %s failed (attempt %d), again in %s: %s", deadline.kind(), deadline.ref(),
                            deadline.attempts() + 1, backoff, e.toString());
                    return move(deadline, clock.instant().plus(backoff), deadline.attempts() + 1);
                })
                .invoke(() -> sample.stop(registry.timer("tocsin.engine.fire", "module", deadline.kind())))
                .replaceWith(true);
    }

    private Uni<Void> delete(Deadline deadline) {
        return Panache.getSession().chain(session -> session.createNativeQuery(DELETE)
                .setParameter("kind", deadline.kind())
                .setParameter("ref", deadline.ref())
                .executeUpdate()).replaceWithVoid();
    }

    private Uni<Void> move(Deadline deadline, Instant due, int attempts) {
        return Panache.getSession().chain(session -> session.createNativeQuery(MOVE)
                .setParameter("due", due)
                .setParameter("attempts", attempts)
                .setParameter("kind", deadline.kind())
                .setParameter("ref", deadline.ref())
                .executeUpdate()).replaceWithVoid();
    }

    private static Deadline toDeadline(Object[] row) {
        return new Deadline((String) row[0], (String) row[1], Timestamps.instant(row[2]), (String) row[3], ((Number) row[4]).intValue());
    }
}
