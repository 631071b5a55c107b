package dev.tocsin.eventing;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.Optional;

/**
 * One kind of time-driven work (an escalation step, a delivery attempt, a release, …), fired by the
 * {@link DeadlineEngine} on workers of its own. Firing has two halves: {@link #fire} runs outside
 * any transaction, so it may wait on a provider for seconds without holding a row lock or a
 * connection; the {@link Outcome} it returns is then written in one transaction together with the
 * deadline's removal or move, and only while the engine still holds the deadline's lease. When the
 * lease was lost meanwhile (the deadline was re-armed, cancelled, or its lease ran out and another
 * worker took it), nothing of the outcome is written.
 */
public interface DeadlineModule {

    /** The {@code kind} of deadlines this module fires; also names its metrics and its settings. */
    String kind();

    /**
     * Does the work that must not run inside a transaction (a provider call), or nothing, and says
     * what to record. A failure here, or in the outcome's writes, retries the deadline with backoff.
     * A module must not arm its own deadline: it returns the next due time instead. Like every
     * reactive call it runs on a Vert.x context and must not block its thread; a provider client
     * that blocks is moved off it ({@code runSubscriptionOn} a worker pool).
     */
    Uni<Outcome> fire(Deadline deadline);

    /** What firing a deadline decided, written by the engine inside the recording transaction. */
    @FunctionalInterface
    interface Outcome {

        /**
         * Writes what firing did (events, projections, outbox rows) in the recording transaction.
         *
         * @return when to fire again (the deadline is kept and moved), or empty when it is done
         */
        Uni<Optional<Instant>> record();

        /** Nothing to write; the deadline is done. */
        static Outcome done() {
            return () -> Uni.createFrom().item(Optional.empty());
        }
    }
}
