package dev.tocsin.eventing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/** Settings of the event plumbing shared by every service. */
@ConfigMapping(prefix = "tocsin.eventing")
public interface EventingConfig {

    /** CloudEvents {@code ce_source} of everything this service publishes, e.g. {@code /tocsin/alert-ingest}. */
    String source();

    /** Kafka bootstrap servers; the same address SmallRye's channels use. */
    @WithDefault("${kafka.bootstrap.servers}")
    String bootstrapServers();

    /** How long a Kafka send may take before it counts as failed (and an HTTP caller gets a 503). */
    @WithDefault("10s")
    Duration sendTimeout();

    Relay relay();

    Engine engine();

    DeadLetterSettings deadLetters();

    Directory directory();

    interface Directory {
        /**
         * How long a token looked up in the directory projection is trusted before it is looked up
         * again. The replica that projects a revocation forgets its cache at once; this bounds how
         * late every other replica of the service refuses the token.
         */
        @WithDefault("2s")
        Duration cacheTtl();

        /** Tokens (known or not) the cache holds at most; it starts over when full. */
        @WithDefault("10000")
        int cacheSize();
    }

    interface DeadLetterSettings {
        /**
         * Attempts a record gets, alone, before a failure that is neither clearly transient nor
         * clearly the record's fault parks it. Transient failures are retried without limit.
         */
        @WithDefault("3")
        int attempts();
    }

    interface Relay {
        /**
         * Fallback poll for outbox rows nobody woke the relay for (left by a crash or another
         * replica). Rows written by this process are published as soon as their transaction commits.
         */
        @WithDefault("1s")
        Duration pollInterval();

        /** Outbox rows published per round trip. */
        @WithDefault("500")
        int batchSize();
    }

    interface Engine {
        /** Longest wait between looks for due deadlines when none is known to be due sooner. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Deadlines one claim takes at most, per module (never more than the module has idle workers). */
        @WithDefault("100")
        int batchSize();

        /**
         * How long a claimed deadline stays leased to its worker. A lease that runs out (the process
         * died, or firing took longer) makes the deadline due again, so it must outlast the slowest
         * provider call (e-mail's send timeout is 30 s).
         */
        @WithDefault("2m")
        Duration lease();

        /**
         * Workers of a module whose kind has no entry in {@link #modules()}. A worker mostly waits on
         * PostgreSQL or a provider, so this bounds a module's rate: 8 drained a backlog at about 400/s
         * on a loaded two-core machine, 32 at about 1,400/s.
         */
        @WithDefault("32")
        int workers();

        /**
         * Per-module settings by deadline kind, e.g.
         * {@code tocsin.eventing.engine.modules."delivery.attempt".workers=16}.
         */
        Map<String, Module> modules();

        /** Workers of the module of this deadline kind: its own setting, else {@link #workers()}. */
        default int workersOf(String kind) {
            Module own = modules().get(kind);
            return own != null && own.workers().isPresent() ? own.workers().getAsInt() : workers();
        }

        interface Module {
            /** Deadlines of this module fired at once: a slow provider holds up only these workers. */
            OptionalInt workers();
        }
    }
}
