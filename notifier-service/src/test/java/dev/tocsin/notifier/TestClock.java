package dev.tocsin.notifier;

import dev.tocsin.testing.MutableClock;
import jakarta.inject.Singleton;

/**
 * The service's clock in tests: stands still until a test moves it, so retry times are exact and
 * a backoff passes without waiting. Replaces the default system clock bean.
 */
@Singleton
public class TestClock extends MutableClock {
}
