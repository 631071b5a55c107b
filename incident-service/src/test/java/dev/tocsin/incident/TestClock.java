package dev.tocsin.incident;

import dev.tocsin.testing.MutableClock;
import jakarta.inject.Singleton;

/**
 * The service's clock in tests: stands still until a test moves it, so an offer of command expires
 * without waiting. Replaces the default system clock bean.
 */
@Singleton
public class TestClock extends MutableClock {
}
