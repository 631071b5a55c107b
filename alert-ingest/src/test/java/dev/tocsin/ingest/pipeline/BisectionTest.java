package dev.tocsin.ingest.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Given a batch and which records fail how, when it is decided, then what is committed and what is parked. */
class BisectionTest {

    private final List<Integer> committed = new ArrayList<>();
    private final Map<Integer, Integer> parked = new TreeMap<>();
    private final List<Integer> pauses = new ArrayList<>();
    private int attempts;

    private static final SQLException POISON = new SQLException("unsupported Unicode escape sequence", "22P05");
    private static final SQLException DOWN = new SQLException("Connection refused", "08001");

    @Test
    void onePoisonedRecordIsParkedAndEveryOtherIsDecidedInOrder() throws Exception {
        decide(batch(8), Set.of(5), Set.of(), 0);
        assertEquals(List.of(0, 1, 2, 3, 4, 6, 7), committed);
        assertEquals(Map.of(5, 1), parked);
        // Clearly the record's fault: parked at once, no waiting.
        assertEquals(List.of(), pauses);
    }

    @Test
    void twoPoisonedRecordsInOneBatchAreBothFound() throws Exception {
        decide(batch(10), Set.of(0, 9), Set.of(), 0);
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), committed);
        assertEquals(Map.of(0, 1, 9, 1), parked);
    }

    @Test
    void aTransientFailureIsWaitedOutWithTheWholeBatchNothingSkipped() throws Exception {
        decide(batch(4), Set.of(), Set.of(), 3);
        assertEquals(List.of(0, 1, 2, 3), committed);
        assertEquals(Map.of(), parked);
        // Three outages, three growing pauses, four attempts of the whole batch: never split.
        assertEquals(List.of(1, 2, 3), pauses);
        assertEquals(4, attempts);
    }

    @Test
    void aFailureOfUnclearCauseParksOnlyAfterTheRecordFailedAloneThreeTimes() throws Exception {
        decide(batch(3), Set.of(), Set.of(1), 0);
        assertEquals(List.of(0, 2), committed);
        assertEquals(Map.of(1, 3), parked);
        assertEquals(List.of(1, 2), pauses);
    }

    @Test
    void aPoisonedBatchOfOneIsParkedWithoutSplitting() throws Exception {
        decide(batch(1), Set.of(0), Set.of(), 0);
        assertEquals(List.of(), committed);
        assertEquals(Map.of(0, 1), parked);
        assertEquals(1, attempts);
    }

    /**
     * @param poisoned records the database refuses (22P05)
     * @param buggy records that fail with a cause neither transient nor clearly theirs
     * @param outages how many attempts fail first because the database is away
     */
    private void decide(List<Integer> batch, Set<Integer> poisoned, Set<Integer> buggy, int outages)
            throws InterruptedException {
        int[] down = {outages};
        new Bisection<Integer>(records -> {
            attempts++;
            if (down[0]-- > 0) {
                throw DOWN;
            }
            if (records.stream().anyMatch(poisoned::contains)) {
                throw POISON;
            }
            if (records.stream().anyMatch(buggy::contains)) {
                throw new NullPointerException();
            }
            committed.addAll(records);
        }, (record, failure, tries) -> parked.put(record, tries), pauses::add, 3).decide(batch);
    }

    private static List<Integer> batch(int size) {
        return IntStream.range(0, size).boxed().toList();
    }
}
