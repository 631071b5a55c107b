package dev.tocsin.ingest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bucket4j.TimeMeter;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Unknown keys drain a client's bucket; once empty, the client waits before it may try again. */
class FailedLookupsTest {

    private final AtomicLong nanos = new AtomicLong();
    private final FailedLookups lookups = new FailedLookups(3, new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    });

    @Test
    void threeFailuresAMinuteThenTheClientWaitsForTheRefill() {
        for (int i = 0; i < 3; i++) {
            assertEquals(OptionalLong.empty(), lookups.blocked("10.0.0.1"));
            lookups.failed("10.0.0.1");
        }
        // One failure refills every 20 s.
        assertEquals(OptionalLong.of(20), lookups.blocked("10.0.0.1"));
        // Another client is not affected.
        assertEquals(OptionalLong.empty(), lookups.blocked("10.0.0.2"));
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(20));
        assertEquals(OptionalLong.empty(), lookups.blocked("10.0.0.1"));
    }
}
