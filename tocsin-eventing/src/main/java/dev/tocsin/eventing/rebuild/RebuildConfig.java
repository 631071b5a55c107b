package dev.tocsin.eventing.rebuild;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of projection rebuilds, on every service. */
@ConfigMapping(prefix = "tocsin.eventing.rebuild")
public interface RebuildConfig {

    /**
     * Longest a rebuild from topics may take to replay them; past it the rebuild fails and may be
     * started again (replaying an event twice is harmless).
     */
    @WithDefault("10m")
    Duration timeout();

    /** How long one poll of the topics waits for records while a rebuild replays them. */
    @WithDefault("1s")
    Duration pollTimeout();

    /** Folded aggregates written per batch while a rebuild replays the event store. */
    @WithDefault("500")
    int batchSize();
}
