package dev.tocsin.eventing;

import dev.tocsin.testing.MutableClock;
import jakarta.inject.Singleton;

/** The clock of the plumbing's tests; replaces the default system clock bean. */
@Singleton
public class TestClock extends MutableClock {
}
