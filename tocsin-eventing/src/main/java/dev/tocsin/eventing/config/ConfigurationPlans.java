package dev.tocsin.eventing.config;

import dev.tocsin.eventing.AfterCommit;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Runs an apply in a transaction that is always rolled back: a plan makes exactly the checks and
 * writes an apply makes, reads what they would leave, and keeps none of it. Callbacks registered
 * for after the commit are dropped with it, so nothing is published or counted.
 */
public final class ConfigurationPlans {

    private ConfigurationPlans() {
    }

    /** {@code work}'s item, computed inside a transaction that is then rolled back. */
    public static <T> Uni<T> rolledBack(Supplier<Uni<T>> work) {
        return AfterCommit.<T>transaction(() -> work.get().map(result -> {
                    throw new RolledBack(result);
                }))
                .onFailure(RolledBack.class).recoverWithItem(e -> {
                    @SuppressWarnings("unchecked")
                    T result = (T) ((RolledBack) e).result;
                    return result;
                });
    }

    /** Carries a plan's result out of the transaction it rolls back. */
    private static final class RolledBack extends RuntimeException {
        private final transient Object result;

        RolledBack(Object result) {
            super("configuration plan rolled back", null, false, false);
            this.result = result;
        }
    }
}
