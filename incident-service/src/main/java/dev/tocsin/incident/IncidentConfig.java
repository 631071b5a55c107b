package dev.tocsin.incident;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of incident-service. */
@ConfigMapping(prefix = "tocsin.incident")
public interface IncidentConfig {

    /** How many pages {@code GET /api/v1/pages} lists when the caller gives no {@code limit}. */
    @WithDefault("50")
    int recentPages();
}

