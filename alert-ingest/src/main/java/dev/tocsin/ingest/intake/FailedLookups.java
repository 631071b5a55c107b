package dev.tocsin.ingest.intake;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Limits how many unknown or revoked integration keys one client (remote address) may present, per
 * replica: a Bucket4j token bucket per address that only failed lookups drain. Once it is empty,
 * the client is refused (429 with {@code Retry-After}) before any lookup, so secrets cannot be
 * guessed at request rate and wrong ones cannot keep the key store busy.
 */
@ApplicationScoped
public class FailedLookups {

    private final int perMinute;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();

    @Inject
    FailedLookups(IntakeConfig config) {
        this(config.failedLookupsPerMinute(), TimeMeter.SYSTEM_NANOTIME);
    }

    FailedLookups(int perMinute, TimeMeter time) {
        this.perMinute = perMinute;
        this.time = time;
    }

    /** Empty when the client may try a key; else the seconds until it may try again. */
    public OptionalLong blocked(String client) {
        Bucket bucket = buckets.getIfPresent(client);
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return OptionalLong.empty();
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return OptionalLong.of(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
    }

    /** Counts a key the client presented that is not an active key. */
    public void failed(String client) {
        buckets.get(client, name -> Bucket.builder()
                        .addLimit(l -> l.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                        .withCustomTimePrecision(time)
                        .build())
                .tryConsume(1);
    }
}
