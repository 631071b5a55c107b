package dev.tocsin.ingest.pipeline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the ingest pipeline's decisions on new alerts. */
@ConfigMapping(prefix = "tocsin.ingest.decisions")
public interface DecisionConfig {

    Flapping flapping();

    /**
     * Whether tickets of services whose profile names no business hours wait for the default hours
     * ({@code tocsin.ingest.business-hours.*}). False publishes them at once; hours a service profile
     * names are always kept.
     */
    @WithDefault("true")
    boolean defaultBusinessHours();

    Storm storm();

    /** Flap damping: an alert that keeps re-firing pages once, then is marked flapping. */
    interface Flapping {
        /** How many re-fires of one dedup key within {@link #window()} make it flapping. */
        @WithDefault("3")
        int refires();

        /** The window the re-fires are counted in. */
        @WithDefault("1h")
        Duration window();

        /** How long a flapping dedup key must stay quiet (no alert) before it may page again. */
        @WithDefault("30m")
        Duration quiet();
    }

    /** Storm grouping: past a threshold, new PAGE alerts of a service join one grouped page. */
    interface Storm {
        /**
         * Whether storms are grouped at all. Off, every new PAGE alert pages on its own, and the
         * decision stage reads no service's latest pages: for a deployment whose alerting groups
         * upstream (Alertmanager's {@code group_by}), or a benchmark of the paging path alone.
         */
        @WithDefault("true")
        boolean enabled();

        /** How many new PAGE alerts of one service within {@link #window()} page on their own. */
        @WithDefault("5")
        int threshold();

        /** The window new PAGE alerts are counted in. */
        @WithDefault("60s")
        Duration window();

        /**
         * How long a new storm group collects members before it is published, so its page says how
         * many alerts fire rather than "1 alert firing"; those before the threshold already paged.
         */
        @WithDefault("5s")
        Duration groupWait();
    }
}
