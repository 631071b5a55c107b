package dev.tocsin.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of alert-ingest. */
@ConfigMapping(prefix = "tocsin.ingest")
public interface IngestConfig {

    /**
     * Most alerts one request may carry. Alertmanager and Prometheus send far fewer; a larger
     * batch is refused whole with 400 so a misbehaving sender is noticed rather than half-accepted.
     */
    @WithDefault("1000")
    int maxAlertsPerRequest();
}
