package dev.tocsin.incident;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of incident-service. */
@ConfigMapping(prefix = "tocsin.incident")
public interface IncidentConfig {

    /** How many pages {@code GET /api/v1/pages} lists when the caller gives no {@code limit}. */
    @WithDefault("50")
    int recentPages();

    Rebuild rebuild();

    interface Rebuild {
        /**
         * Longest a projection rebuild may take to replay the topics; past it the rebuild fails and
         * may be started again (replaying an event twice is harmless).
         */
        @WithDefault("10m")
        Duration timeout();

        /** How long one poll of the topics waits for records while a rebuild replays them. */
        @WithDefault("1s")
        Duration pollTimeout();
    }
}
