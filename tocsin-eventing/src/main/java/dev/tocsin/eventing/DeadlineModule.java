package dev.tocsin.eventing;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.Optional;

/**
 * One kind of time-driven work (an escalation step, a delivery attempt, …). The engine fires a due
 * deadline inside a transaction that holds its row lock, so the module's writes and the removal
 * of the deadline commit together and no two replicas fire it twice.
 */
public interface DeadlineModule {

    /** The {@code kind} of deadlines this module fires; also names its metric. */
    String kind();

    /**
     * Does the work. Runs inside the claiming transaction.
     *
     * @return when to fire again (the deadline is kept and moved), or empty when it is done
     */
    Uni<Optional<Instant>> fire(Deadline deadline);
}
