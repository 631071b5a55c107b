package dev.tocsin.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of alert-ingest. */
@ConfigMapping(prefix = "tocsin.ingest")
public interface IngestConfig {

    /**
     * Most alerts one request may carry. Alertmanager and Prometheus send far fewer; a larger
     * batch is refused whole with 400 so a misbehaving sender is noticed rather than half-accepted.
     */
    @WithDefault("1000")
    int maxAlertsPerRequest();

    /**
     * How long a sender should wait before retrying a request answered with 503 because Kafka did
     * not acknowledge it or the integration-key store could not be asked; sent as
     * {@code Retry-After} in whole seconds.
     */
    @WithDefault("5s")
    Duration retryAfter();
}
