package dev.tocsin.eventing;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Fires due deadlines through their {@link DeadlineModule}s. Each module has its own claimer and
 * workers ({@link ModuleWorkers}): due rows are claimed in batches under {@code FOR UPDATE SKIP
 * LOCKED} and leased (the claim commits at once), the module's work runs outside any transaction,
 * and its outcome is recorded with the deadline's removal or move in a transaction of its own,
 * only while the lease still holds. Rows survive restarts, and replicas never fire the same one
 * twice except after a lease ran out (the process died, or firing outlasted the lease): that
 * deadline is due again and fires once more. A module whose work fails is retried with backoff.
 * Meters per module are listed on {@link ModuleMetrics}.
 */
@ApplicationScoped
public class DeadlineEngine {

    private final List<ModuleWorkers> modules;
    private final Clock clock;
    private final OutboxRelay relay;

    @Inject
    DeadlineEngine(Instance<DeadlineModule> modules, Clock clock, EventingConfig config, OutboxRelay relay,
            MeterRegistry registry) {
        this(modules.stream().toList(), clock, config, relay, registry);
    }

    /** An engine for these modules; a second one against the same database acts as another replica. */
    DeadlineEngine(List<DeadlineModule> modules, Clock clock, EventingConfig config, OutboxRelay relay,
            MeterRegistry registry) {
        this.clock = clock;
        this.relay = relay;
        long kinds = modules.stream().map(DeadlineModule::kind).distinct().count();
        if (kinds != modules.size()) {
            throw new IllegalStateException("two deadline modules share a kind: " + modules.stream().map(DeadlineModule::kind).toList());
        }
        this.modules = modules.stream()
                .map(module -> new ModuleWorkers(module, clock, config.engine(),
                        new ModuleMetrics(registry, module.kind()), this::committed))
                .toList();
    }

    /**
     * Looks for due deadlines now: after a transaction that armed one already due committed (a look
     * before the commit cannot see the row; later deadlines are found when they fall due), or after
     * a test moved the clock.
     */
    public void wake() {
        modules.forEach(ModuleWorkers::wake);
    }

    /** A recording transaction committed: its outbox rows can go (a due deadline it armed wakes us itself). */
    private void committed() {
        relay.wake();
    }

    void start(@Observes StartupEvent event) {
        start();
    }

    void start() {
        modules.forEach(ModuleWorkers::start);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stop();
    }

    void stop() throws InterruptedException {
        for (ModuleWorkers module : modules) {
            module.stop();
        }
    }
}
