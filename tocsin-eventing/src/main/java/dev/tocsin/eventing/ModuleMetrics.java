package dev.tocsin.eventing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One engine module's meters, all tagged {@code module=<kind>}: {@code tocsin.engine.fired} (after
 * the recording transaction committed), {@code tocsin.engine.failures} (firing or recording failed
 * and the deadline was retried with backoff), {@code tocsin.engine.leases.lost} (the deadline was
 * re-armed, cancelled or taken over while it fired; nothing was recorded), the gauge
 * {@code tocsin.engine.in.flight}, and two histograms: {@code tocsin.engine.lateness} (when a worker
 * began firing minus the due time) and {@code tocsin.engine.fire} (how long firing and recording took).
 */
final class ModuleMetrics {

    private static final Duration[] OBJECTIVES = {
        Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
        Duration.ofMinutes(1), Duration.ofMinutes(5)};

    final Counter fired;
    final Counter failures;
    final Counter leasesLost;
    final Timer lateness;
    final Timer firing;
    final AtomicInteger inFlight = new AtomicInteger();

    ModuleMetrics(MeterRegistry registry, String kind) {
        fired = Counter.builder("tocsin.engine.fired").description("deadlines fired and recorded")
                .tag("module", kind).register(registry);
        failures = Counter.builder("tocsin.engine.failures").description("firings that failed and were retried")
                .tag("module", kind).register(registry);
        leasesLost = Counter.builder("tocsin.engine.leases.lost")
                .description("firings not recorded because the deadline was re-armed, cancelled or taken over")
                .tag("module", kind).register(registry);
        lateness = LatencyHistograms.timer("tocsin.engine.lateness", "when firing began minus when the deadline was due",
                Duration.ofMillis(1), Duration.ofMinutes(10), OBJECTIVES).tag("module", kind).register(registry);
        firing = LatencyHistograms.timer("tocsin.engine.fire", "time to fire one deadline and record its outcome",
                Duration.ofMillis(1), Duration.ofMinutes(1), OBJECTIVES).tag("module", kind).register(registry);
        registry.gauge("tocsin.engine.in.flight", Tags.of("module", kind), inFlight);
    }
}
