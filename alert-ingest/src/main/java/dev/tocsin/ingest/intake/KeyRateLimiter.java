package dev.tocsin.ingest.intake;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tocsin.ingest.key.IntegrationKey;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The per-key request limit, per replica: a Bucket4j token bucket per key holding a minute's worth
 * of requests and refilled evenly, so a sender may burst up to its limit and then gets one request
 * per {@code 60s / limit}. Buckets of keys idle for a while are dropped.
 */
@ApplicationScoped
public class KeyRateLimiter {

    private final int defaultPerMinute;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();

    @Inject
    KeyRateLimiter(IntakeConfig config) {
        this(config.rateLimitPerMinute(), TimeMeter.SYSTEM_NANOTIME);
    }

    KeyRateLimiter(int defaultPerMinute, TimeMeter time) {
        this.defaultPerMinute = defaultPerMinute;
        this.time = time;
    }

    /** Takes one request from the key's bucket: empty when allowed, else the seconds to wait. */
    public OptionalLong tryAcquire(IntegrationKey key) {
        int limit = key.rateLimitPerMinute() != null ? key.rateLimitPerMinute() : defaultPerMinute;
        // The limit is part of the bucket's name, so a changed limit starts a fresh bucket.
        Bucket bucket = buckets.get(key.id() + "/" + limit, name -> Bucket.builder()
                .addLimit(l -> l.capacity(limit).refillGreedy(limit, Duration.ofMinutes(1)))
                .withCustomTimePrecision(time)
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        long nanos = probe.getNanosToWaitForRefill();
        return OptionalLong.of(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
    }
}
