package dev.tocsin.ingest.alert.store;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScanBudgetTest {

    @Test
    void aReadWhoseTimeIsUpIsStoppedWithRetryAfter() {
        // No time at all: the first row checked already stops the scan, as a slow regex would after 5 s.
        ScanBudget spent = ScanBudget.of(10, Duration.ZERO, Duration.ofSeconds(2));
        SearchBusy busy = assertThrows(SearchBusy.class, spent::checkTime);
        assertEquals(Duration.ofSeconds(2), busy.retryAfter());
        assertTrue(busy.getMessage().startsWith("the search ran longer than 0 ms"), busy.getMessage());
    }

    @Test
    void aReadWithinItsTimeGoesOn() {
        ScanBudget budget = ScanBudget.of(10, Duration.ofMinutes(1), Duration.ofSeconds(1));
        assertDoesNotThrow(budget::checkTime);
        assertEquals(10, budget.maxRows());
    }
}
