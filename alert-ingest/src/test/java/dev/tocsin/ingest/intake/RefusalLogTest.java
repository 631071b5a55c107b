package dev.tocsin.ingest.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefusalLogTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RefusalLog log = new RefusalLog(RefusalLogTest.class, now::get);

    @Test
    void theFirstRefusalIsLoggedThenOneLinePerTenSecondsCountsTheRest() {
        assertEquals(1, log.due());
        for (int i = 0; i < 499; i++) {
            assertEquals(0, log.due());
        }
        advance(Duration.ofSeconds(9));
        assertEquals(0, log.due());
        advance(Duration.ofSeconds(1));
        assertEquals(501, log.due(), "the line stands for every refusal since the last one, itself included");
        advance(Duration.ofSeconds(30));
        assertEquals(1, log.due());
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
