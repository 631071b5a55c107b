package dev.tocsin.notifier.delivery;

import dev.tocsin.notifier.NotifierConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one place that decides whether a failed attempt is tried again, and when: a recoverable
 * failure is retried with exponential backoff ({@code base}, 2×, 4×, … capped at {@code max})
 * until {@code maxAttempts} were made; a permanent one never is. No jitter: deliveries of one page
 * go to different people's relays, and a predictable schedule is easier to reason about at 3 am.
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration max) {

    public RetryPolicy {
        if (maxAttempts < 1 || base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need maxAttempts >= 1 and 0 < base <= max");
        }
    }

    public static RetryPolicy of(NotifierConfig config) {
        return new RetryPolicy(config.maxAttempts(), config.backoffBase(), config.backoffMax());
    }

    /**
     * @param attempt the 1-based attempt that just failed
     * @return when to try again, or empty to give up
     */
    public Optional<Instant> nextAttempt(int attempt, boolean recoverable, Instant failedAt) {
        if (!recoverable || attempt >= maxAttempts) {
            return Optional.empty();
        }
        return Optional.of(failedAt.plus(backoff(attempt)));
    }

    /** The wait after the {@code attempt}-th failure. */
    Duration backoff(int attempt) {
        int doublings = Math.min(attempt - 1, 30);
        Duration wait = base.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 || wait.isNegative() ? max : wait;
    }
}
