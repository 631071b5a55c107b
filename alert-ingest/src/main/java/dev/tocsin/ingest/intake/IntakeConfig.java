package dev.tocsin.ingest.intake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the intake endpoints: what one alert may carry, the per-key rate limit, the key cache. */
@ConfigMapping(prefix = "tocsin.ingest.intake")
public interface IntakeConfig {

    /**
     * Most labels one alert may carry. Labels identify an alert and are matched by rules and
     * silences; Prometheus alerts carry a dozen or two, so more than this is a runaway label set.
     */
    @WithDefault("64")
    int maxLabels();

    /** Longest label value in UTF-8 bytes: labels are identities, not documents. */
    @WithDefault("1024")
    int maxLabelValueBytes();

    /** Longest annotation value in UTF-8 bytes: room for a description and a runbook excerpt. */
    @WithDefault("16384")
    int maxAnnotationValueBytes();

    /**
     * Requests per minute one integration key may make to one replica, unless the key sets its own
     * {@code rateLimitPerMinute}. Past it the sender gets 429 with {@code Retry-After}.
     */
    @WithDefault("600")
    int rateLimitPerMinute();

    /**
     * How far a signed request's timestamp (Grafana's optional timestamp header) may be from now
     * before it counts as a replay and is refused.
     */
    @WithDefault("5m")
    Duration signatureMaxAge();

    /**
     * How long a request waits for the key store (PostgreSQL) when its key is not cached; past it,
     * or when the store is unreachable, the answer is 503 with {@code Retry-After}.
     */
    @WithDefault("3s")
    Duration keyLookupTimeout();

    /**
     * Unknown or revoked keys one client (remote address) may present per minute, per replica. Past
     * it, every request from that address is answered 429 with {@code Retry-After} until the bucket
     * refills, so keys cannot be guessed and wrong ones cannot hammer the key store.
     */
    @WithDefault("30")
    int failedLookupsPerMinute();

    /**
     * Most intake requests one replica answers at once, from arrival to answer. Past it a request is
     * answered 503 with {@code Retry-After} at once, before its key or body costs anything, so an
     * overloaded replica answers what it took in time instead of queueing every request until its
     * sender gives up. Healthy intake holds a handful at a time; the bound is reached when Kafka or
     * the key store stalls.
     */
    @WithDefault("512")
    int maxInFlight();

    KeyCache keyCache();

    /** The cache of active-key lookups that keeps PostgreSQL off the per-request path. */
    interface KeyCache {

        /**
         * How long a lookup is reused before the key is looked up again (in the background, while
         * requests go on being answered). Revoking on this replica takes effect at once; other
         * replicas may honour a just-revoked key for up to this long while the database answers.
         */
        @WithDefault("5s")
        Duration ttl();

        /**
         * How long a key in use keeps working while the database does not answer its lookups
         * again: intake goes on taking alerts through a database outage this long, and another
         * replica may honour a key revoked meanwhile this long.
         */
        @WithDefault("5m")
        Duration staleLimit();

        /** Most active keys kept. */
        @WithDefault("10000")
        long maxSize();

        /**
         * Most unknown secrets remembered, in a cache of their own: wrong secrets never evict a
         * valid key.
         */
        @WithDefault("10000")
        long unknownMaxSize();
    }
}
