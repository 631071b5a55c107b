package dev.tocsin.escalation;

import dev.tocsin.testing.MutableClock;
import jakarta.inject.Singleton;

/** The service's clock in tests; replaces the default system clock bean. */
@Singleton
public class TestClock extends MutableClock {
}
