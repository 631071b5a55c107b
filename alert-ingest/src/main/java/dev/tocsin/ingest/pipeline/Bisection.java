package dev.tocsin.ingest.pipeline;

import dev.tocsin.eventing.deadletter.Failures;
import dev.tocsin.eventing.deadletter.Failures.Kind;
import java.util.List;

/**
 * Decides a batch so that no record of it can stall the others: a transient failure (database
 * away, a concurrent writer) is waited out and the same records tried again, nothing skipped; any
 * other failure splits the batch in halves, decided in order, until the records that fail alone
 * are found. Such a record is parked when its failure is clearly its own, or once it failed alone
 * {@code attemptsAlone} times. Halves are decided in order, so the records of every partition
 * are still decided in offset order.
 *
 * @param <T> one record of the batch
 */
final class Bisection<T> {

    /** Decides and commits a sub-batch, whole or not at all. */
    interface Attempt<T> {
        void decide(List<T> batch) throws Exception;
    }

    /** Parks one record for good, so the records after it can be decided. */
    interface Park<T> {
        void park(T record, Exception failure, int attempts) throws Exception;
    }

    /** Waits before the {@code failures}-th attempt after a failure. */
    interface Backoff {
        void pause(int failures) throws InterruptedException;
    }

    private final Attempt<T> attempt;
    private final Park<T> park;
    private final Backoff backoff;
    private final int attemptsAlone;

    Bisection(Attempt<T> attempt, Park<T> park, Backoff backoff, int attemptsAlone) {
        this.attempt = attempt;
        this.park = park;
        this.backoff = backoff;
        this.attemptsAlone = attemptsAlone;
    }

    void decide(List<T> batch) throws InterruptedException {
        int transientFailures = 0;
        int failuresAlone = 0;
        while (true) {
            try {
                attempt.decide(batch);
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                Kind kind = Failures.classify(e);
                if (kind == Kind.TRANSIENT) {
                    backoff.pause(++transientFailures);
                } else if (batch.size() > 1) {
                    int half = batch.size() / 2;
                    decide(batch.subList(0, half));
                    decide(batch.subList(half, batch.size()));
                    return;
                } else if (kind == Kind.DETERMINISTIC || ++failuresAlone >= attemptsAlone) {
                    parkWaitingOut(batch.get(0), e, Math.max(failuresAlone, 1));
                    return;
                } else {
                    backoff.pause(failuresAlone);
                }
            }
        }
    }

    /** Parking writes to the same database: wait out its outages; a record is never skipped unparked. */
    void parkWaitingOut(T record, Exception failure, int attempts) throws InterruptedException {
        for (int failures = 1;; failures++) {
            try {
                park.park(record, failure, attempts);
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                backoff.pause(failures);
            }
        }
    }
}
