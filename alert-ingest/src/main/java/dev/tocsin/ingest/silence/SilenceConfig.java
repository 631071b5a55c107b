package dev.tocsin.ingest.silence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of silences and maintenance windows. */
@ConfigMapping(prefix = "tocsin.ingest.silences")
public interface SilenceConfig {

    /**
     * The longest a silence or a maintenance window may last, from {@code startsAt} to
     * {@code endsAt}: a mute that is forgotten ends by itself. A longer one is refused with 400
     * naming {@code endsAt}; muting for longer means creating a new one, on purpose.
     */
    @WithDefault("7d")
    Duration maxDuration();

    /** Most open alerts a {@code dryRun} lists by id; the answer counts them all (up to the search scan bound). */
    @WithDefault("100")
    int dryRunAlerts();
}
