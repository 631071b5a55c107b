package dev.tocsin.eventing;

import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;

/**
 * Every latency Tocsin measures is a Prometheus histogram ({@code _bucket} series), not a
 * client-side summary: buckets add up across replicas and {@code histogram_quantile} reads a
 * percentile over any window, where a summary's precomputed quantiles neither aggregate nor show a
 * value outside the process's short decay window. Each histogram names the thresholds its
 * service-level objectives are stated in, so they are exact bucket boundaries.
 */
public final class LatencyHistograms {

    private LatencyHistograms() {
    }

    /**
     * A timer published as a histogram from {@code min} to {@code max}, with a bucket boundary at
     * each of {@code objectives}.
     */
    public static Timer.Builder timer(String name, String description, Duration min, Duration max,
            Duration... objectives) {
        Duration[] bounds = Arrays.stream(objectives).filter(d -> !d.minus(min).isNegative() && !max.minus(d).isNegative())
                .toArray(Duration[]::new);
        return Timer.builder(name)
                .description(description)
                .publishPercentileHistogram()
                .minimumExpectedValue(min)
                .maximumExpectedValue(max)
                .serviceLevelObjectives(bounds);
    }
}
