package dev.tocsin.eventing.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Given a poll and which records fail how, when it is applied, then what is committed and what is parked. */
class BisectionTest {

    private static final PgException POISON = new PgException("unsupported Unicode escape sequence", "ERROR", "22P05",
            null);
    private static final PgException DOWN = new PgException("Connection refused", "FATAL", "08001", null);

    private final List<Integer> committed = new ArrayList<>();
    private final Map<Integer, Integer> parked = new TreeMap<>();
    private int attempts;

    @Test
    void onePoisonedRecordIsParkedAndEveryOtherIsAppliedInOrder() {
        apply(poll(8), Set.of(5), Set.of(), 0);
        assertEquals(List.of(0, 1, 2, 3, 4, 6, 7), committed);
        // Clearly the record's fault: parked after its one failure alone.
        assertEquals(Map.of(5, 1), parked);
    }

    @Test
    void twoPoisonedRecordsInOnePollAreBothFound() {
        apply(poll(10), Set.of(0, 9), Set.of(), 0);
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), committed);
        assertEquals(Map.of(0, 1, 9, 1), parked);
    }

    @Test
    void aTransientFailureIsWaitedOutWithTheWholePollNothingSkipped() {
        apply(poll(4), Set.of(), Set.of(), 3);
        assertEquals(List.of(0, 1, 2, 3), committed);
        assertEquals(Map.of(), parked);
        // Three outages, four attempts of the whole poll: never split.
        assertEquals(4, attempts);
    }

    @Test
    void aFailureOfUnclearCauseParksOnlyAfterTheRecordFailedAloneThreeTimes() {
        apply(poll(3), Set.of(), Set.of(1), 0);
        assertEquals(List.of(0, 2), committed);
        assertEquals(Map.of(1, 3), parked);
    }

    @Test
    void aPoisonedPollOfOneIsParkedWithoutSplitting() {
        apply(poll(1), Set.of(0), Set.of(), 0);
        assertEquals(List.of(), committed);
        assertEquals(Map.of(0, 1), parked);
        assertEquals(1, attempts);
    }

    @Test
    void aDeadLetterRetryTriesOnceParksAgainAndStillFails() {
        Bisection<Integer> bisection = bisection(Set.of(0), Set.of(), 0);
        PgException failed = assertThrows(PgException.class,
                () -> bisection.applyOnce(0).await().atMost(Duration.ofSeconds(5)));
        assertEquals(POISON, failed);
        assertEquals(Map.of(0, 1), parked);
        assertEquals(1, attempts);
    }

    @Test
    void aDeadLetterRetryThatFindsTheDatabaseAwayLeavesTheRecordAsItWas() {
        Bisection<Integer> bisection = bisection(Set.of(), Set.of(), 1);
        PgException failed = assertThrows(PgException.class,
                () -> bisection.applyOnce(0).await().atMost(Duration.ofSeconds(5)));
        assertEquals(DOWN, failed);
        assertEquals(Map.of(), parked);
        assertEquals(List.of(), committed);
    }

    /**
     * @param poisoned records the database refuses (22P05)
     * @param buggy records that fail with a cause neither transient nor clearly theirs
     * @param outages how many attempts fail first because the database is away
     */
    private void apply(List<Integer> poll, Set<Integer> poisoned, Set<Integer> buggy, int outages) {
        bisection(poisoned, buggy, outages).apply(poll).await().atMost(Duration.ofSeconds(5));
    }

    private Bisection<Integer> bisection(Set<Integer> poisoned, Set<Integer> buggy, int outages) {
        int[] down = {outages};
        return new Bisection<>(records -> {
            attempts++;
            if (down[0]-- > 0) {
                return Uni.createFrom().failure(DOWN);
            }
            if (records.stream().anyMatch(poisoned::contains)) {
                return Uni.createFrom().failure(POISON);
            }
            if (records.stream().anyMatch(buggy::contains)) {
                return Uni.createFrom().failure(new NullPointerException());
            }
            committed.addAll(records);
            return Uni.createFrom().voidItem();
        }, (record, failure, tries) -> {
            parked.put(record, tries);
            return Uni.createFrom().voidItem();
        }, 3, Duration.ofMillis(1), Duration.ofMillis(5));
    }

    private static List<Integer> poll(int size) {
        return IntStream.range(0, size).boxed().toList();
    }
}
