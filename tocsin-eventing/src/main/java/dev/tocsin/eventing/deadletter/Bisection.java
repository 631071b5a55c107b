package dev.tocsin.eventing.deadletter;

import dev.tocsin.eventing.deadletter.Failures.Kind;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Applies a poll so that no record of it can stall the others, for consumers on the reactive
 * stack (alert-ingest's JDBC pipeline has the blocking twin). A transient failure (database away,
 * a concurrent writer) is waited out with backoff and the same records tried again, nothing
 * skipped; any other failure splits the poll in halves, applied in order, until the records that
 * fail alone are found. Such a record is parked when its failure is clearly its own, or once it
 * failed alone {@code attemptsAlone} times. Halves are applied in order, so the records of every
 * partition are still applied in offset order.
 *
 * @param <T> one record of the poll
 */
public final class Bisection<T> {

    /** Applies and commits a part of the poll, whole or not at all. */
    public interface Attempt<T> {
        Uni<Void> apply(List<T> records);
    }

    /** Parks one record for good (in a transaction of its own), so the records after it can be applied. */
    public interface Park<T> {
        Uni<Void> park(T record, Throwable failure, int attempts);
    }

    private final Attempt<T> attempt;
    private final Park<T> park;
    private final int attemptsAlone;
    private final Duration firstBackoff;
    private final Duration maxBackoff;

    public Bisection(Attempt<T> attempt, Park<T> park, int attemptsAlone, Duration firstBackoff, Duration maxBackoff) {
        this.attempt = attempt;
        this.park = park;
        this.attemptsAlone = attemptsAlone;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** Completes once every record is applied or parked; fails only when parking is refused for a reason no wait fixes. */
    public Uni<Void> apply(List<T> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (records.size() == 1) {
            return alone(records.get(0));
        }
        return Uni.createFrom().deferred(() -> attempt.apply(records))
                .onFailure(Bisection::isTransient).retry().withBackOff(firstBackoff, maxBackoff).indefinitely()
                .onFailure().recoverWithUni(e -> {
                    int half = records.size() / 2;
                    return apply(records.subList(0, half)).chain(() -> apply(records.subList(half, records.size())));
                });
    }

    /**
     * Applies one record without waiting out anything: the caller hears every failure. One that
     * is not transient has parked the record first (for a retry of a dead letter, which must
     * leave it parked with the new error, or find the database away and leave it as it was).
     */
    public Uni<Void> applyOnce(T record) {
        return Uni.createFrom().deferred(() -> attempt.apply(List.of(record)))
                .onFailure(e -> !isTransient(e))
                .recoverWithUni(e -> parkWaitingOut(record, e, 1).chain(() -> Uni.createFrom().failure(e)));
    }

    private Uni<Void> alone(T record) {
        AtomicInteger failures = new AtomicInteger();
        return Uni.createFrom().deferred(() -> attempt.apply(List.of(record)))
                .onFailure(e -> !isTransient(e)).invoke(failures::incrementAndGet)
                .onFailure(Bisection::isTransient).retry().withBackOff(firstBackoff, maxBackoff).indefinitely()
                .onFailure(e -> Failures.classify(e) == Kind.UNSURE).retry().withBackOff(firstBackoff, maxBackoff)
                .atMost(attemptsAlone - 1L)
                .onFailure().recoverWithUni(e -> parkWaitingOut(record, e, failures.get()));
    }

    /**
     * Parks a record its caller knows no attempt can apply (one that cannot even be read), without
     * attempting it, waiting out database outages as every park here does.
     */
    public Uni<Void> park(T record, Throwable failure) {
        return parkWaitingOut(record, failure, 1);
    }

    /** Parking writes to the same database: wait out its outages; a record is never skipped unparked. */
    private Uni<Void> parkWaitingOut(T record, Throwable failure, int attempts) {
        return Uni.createFrom().deferred(() -> park.park(record, failure, attempts))
                .onFailure(Bisection::isTransient).retry().withBackOff(firstBackoff, maxBackoff).indefinitely();
    }

    private static boolean isTransient(Throwable failure) {
        return Failures.classify(failure) == Kind.TRANSIENT;
    }
}
