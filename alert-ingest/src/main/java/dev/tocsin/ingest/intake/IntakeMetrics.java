package dev.tocsin.ingest.intake;

import dev.tocsin.eventing.LatencyHistograms;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;

/**
 * The intake's meters, tagged by wire format ({@code source}): alerts made durable
 * ({@code tocsin.alerts.received}), how long accepting took and how it ended
 * ({@code tocsin.alerts.accept}), and what was refused and why ({@code tocsin.intake.rejected}:
 * one per refused request, or per refused alert of a batch).
 */
@ApplicationScoped
public class IntakeMetrics {

    /** Why something was refused, the {@code reason} tag. */
    public enum Reason {
        INVALID, UNAUTHORIZED, SIGNATURE, RATE_LIMITED, FAILED_LOOKUPS, TOO_LARGE, TOO_MANY_ALERTS, UNAVAILABLE,
        /** Past the replica's bound on intake requests in flight. */
        OVERLOADED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Bounds at the latencies intake is judged by (docs/benchmarks.md), and at the send timeout. */
    private static final Duration[] ACCEPT_OBJECTIVES = {Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(10)};

    private final MeterRegistry registry;

    IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public Timer.Sample start() {
        return Timer.start(registry);
    }

    /** Records how accepting a request ended: accepted, partial, invalid or unavailable. */
    public void accepted(Timer.Sample sample, String source, String outcome) {
        sample.stop(LatencyHistograms.timer("tocsin.alerts.accept", "time to accept or refuse one intake request",
                        Duration.ofMillis(1), Duration.ofSeconds(30), ACCEPT_OBJECTIVES)
                .tags("source", source, "outcome", outcome)
                .register(registry));
    }

    public void received(String source, int count) {
        registry.counter("tocsin.alerts.received", "source", source).increment(count);
    }

    public void rejected(String source, Reason reason, int count) {
        registry.counter("tocsin.intake.rejected", "source", source, "reason", reason.tag()).increment(count);
    }
}
