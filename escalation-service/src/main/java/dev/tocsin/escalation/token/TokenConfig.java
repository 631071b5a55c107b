package dev.tocsin.escalation.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long the API tokens escalation-service issues may live. */
@ConfigMapping(prefix = "tocsin.tokens")
public interface TokenConfig {

    /** The lifetime of a token whose request names no {@code expiresAt}. */
    @WithDefault("P90D")
    Duration defaultLifetime();

    /** The longest lifetime a request may ask for: every token expires, a forgotten one too. */
    @WithDefault("P365D")
    Duration maxLifetime();

    /** The most teams one token may hold a role in. */
    @WithDefault("50")
    int maxTeams();
}
