package dev.tocsin.notifier.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

    static final Instant NOW = Instant.parse("2026-03-01T03:00:00Z");
    static final RetryPolicy POLICY = new RetryPolicy(8, Duration.ofSeconds(30), Duration.ofMinutes(10));

    @ParameterizedTest(name = "attempt {0} failed, recoverable={1} -> retry after {2}")
    @CsvSource(nullValues = "never", value = {
            // The first retry comes after the base wait: a relay blip is over by then.
            "1, true,  PT30S",
            // Each further failure doubles the wait, so a down relay is not hammered.
            "2, true,  PT1M",
            "3, true,  PT2M",
            "5, true,  PT8M",
            // The cap keeps a long outage from pushing the next try past any useful time.
            "6, true,  PT10M",
            "7, true,  PT10M",
            // After the last allowed attempt Tocsin gives up and says so.
            "8, true,  never",
            "9, true,  never",
            // A permanent failure (e.g. unknown mailbox) is never retried.
            "1, false, never"})
    void nextAttempt(int attempt, boolean recoverable, Duration wait) {
        assertEquals(Optional.ofNullable(wait).map(NOW::plus), POLICY.nextAttempt(attempt, recoverable, NOW));
    }

    @Test
    void aHugeAttemptNumberStillWaitsTheCap() {
        // No overflow into a negative or absurd wait however long the policy is configured.
        RetryPolicy patient = new RetryPolicy(Integer.MAX_VALUE, Duration.ofSeconds(30), Duration.ofHours(1));
        assertEquals(Optional.of(NOW.plus(Duration.ofHours(1))), patient.nextAttempt(1_000, true, NOW));
    }

    @Test
    void aSingleAttemptPolicyNeverRetries() {
        assertEquals(Optional.empty(), new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1))
                .nextAttempt(1, true, NOW));
    }

    @Test
    void nonsenseSettingsAreRejectedAtStartup() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(3, Duration.ofMinutes(2), Duration.ofMinutes(1)));
    }
}
