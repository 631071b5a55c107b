package dev.tocsin.ingest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.ingest.key.IntegrationKey;
import io.github.bucket4j.TimeMeter;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeyRateLimiterTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    /** A clock the test moves by hand. */
    private static final class ManualTime implements TimeMeter {
        long nanos;

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    private final ManualTime time = new ManualTime();
    private final KeyRateLimiter limiter = new KeyRateLimiter(3, time);

    private static IntegrationKey key(String id, Integer perMinute) {
        return new IntegrationKey(id, "checkout", "k", T0, null, perMinute, null);
    }

    @Test
    void aKeyMayBurstToItsLimitThenWaitsForTheNextToken() {
        IntegrationKey key = key("a", null);
        for (int i = 0; i < 3; i++) {
            assertEquals(OptionalLong.empty(), limiter.tryAcquire(key));
        }
        // 3 per minute: one token every 20 s, so the fourth request is told to wait 20 s.
        assertEquals(OptionalLong.of(20), limiter.tryAcquire(key));
        time.nanos += TimeUnit.SECONDS.toNanos(19) + 1;
        // A part of a second still to wait is a whole second in Retry-After, never 0.
        assertEquals(OptionalLong.of(1), limiter.tryAcquire(key));
        time.nanos += TimeUnit.SECONDS.toNanos(1);
        assertEquals(OptionalLong.empty(), limiter.tryAcquire(key));
    }

    @Test
    void eachKeyHasItsOwnBucketAndMaySetItsOwnLimit() {
        IntegrationKey small = key("small", 1);
        IntegrationKey other = key("other", null);
        assertEquals(OptionalLong.empty(), limiter.tryAcquire(small));
        assertEquals(OptionalLong.of(60), limiter.tryAcquire(small));
        // Another key is not held back by the first one's traffic.
        assertEquals(OptionalLong.empty(), limiter.tryAcquire(other));
    }
}
