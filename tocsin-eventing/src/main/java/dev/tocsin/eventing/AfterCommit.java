package dev.tocsin.eventing;

import dev.tocsin.eventing.audit.AuditTrail;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A transaction that runs side effects only once it has committed. Metrics are the case in point: a
 * transaction that loses to a concurrent writer, or fails at commit, is retried by its caller, and a
 * counter incremented inside it would count the same change twice. Code inside the transaction
 * {@link #register registers} what to run; {@link #transaction} runs it after the commit, and a
 * failed attempt's callbacks are dropped with it.
 *
 * <p>The transaction runs on a connection of the reactive pool, which the code inside reaches as
 * {@link Sql#connection()}. The connection and the callbacks live on the current Vert.x duplicated
 * context, so they belong to exactly the transaction the code runs in. A nested {@code transaction}
 * joins the outer one and its callbacks wait for the outer commit.
 */
public final class AfterCommit {

    private static final Logger LOG = Logger.getLogger(AfterCommit.class);
    private static final String KEY = AfterCommit.class.getName() + ".callbacks";

    private AfterCommit() {
    }

    /**
     * Runs {@code work} in a transaction on a pooled connection ({@link Sql#connection()} inside it),
     * then the callbacks registered inside it, if it committed.
     */
    public static <T> Uni<T> transaction(Supplier<Uni<T>> work) {
        return around(inner -> {
            // The caller's duplicated context, wherever the pool completes the connection.
            Context context = Vertx.currentContext();
            // Only an API request carries an entry; a consumer's or the engine's transaction adds nothing.
            Optional<AuditTrail.Entry> audit = AuditTrail.pending();
            Uni<T> committed = Sql.pool().withTransaction(connection -> {
                context.putLocal(Sql.CONNECTION, connection);
                Uni<T> done = Uni.createFrom().deferred(inner::get);
                if (audit.isPresent()) {
                    // Who made the change commits with it (GET /api/v1/audit).
                    done = done.call(() -> AuditTrail.write(connection, audit));
                }
                return done.onTermination().invoke(() -> context.removeLocal(Sql.CONNECTION));
            });
            return audit.isEmpty() ? committed : committed.invoke(() -> AuditTrail.committed(audit));
        }, work);
    }

    /** {@link #transaction} around any transaction, so the callback rules can be tested without a database. */
    static <T> Uni<T> around(Function<Supplier<Uni<T>>, Uni<T>> transaction, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            requireDuplicatedContext();
            if (ContextLocals.get(KEY).isPresent()) {
                return work.get();
            }
            List<Runnable> callbacks = new ArrayList<>();
            ContextLocals.put(KEY, callbacks);
            return transaction.apply(work)
                    .onTermination().invoke(() -> ContextLocals.remove(KEY))
                    .invoke(() -> callbacks.forEach(AfterCommit::run));
        });
    }

    /**
     * Runs {@code callback} once the enclosing {@link #transaction} has committed; never if it fails.
     *
     * @throws IllegalStateException outside such a transaction, where "after commit" would mean nothing
     */
    public static void register(Runnable callback) {
        Context context = Vertx.currentContext();
        List<Runnable> callbacks = context == null || !VertxContext.isDuplicatedContext(context) ? null
                : ContextLocals.<List<Runnable>>get(KEY).orElse(null);
        if (callbacks == null) {
            throw new IllegalStateException("AfterCommit.register outside AfterCommit.transaction");
        }
        callbacks.add(callback);
    }

    private static void requireDuplicatedContext() {
        Context context = Vertx.currentContext();
        if (context == null || !VertxContext.isDuplicatedContext(context)) {
            throw new IllegalStateException("AfterCommit.transaction needs a Vert.x duplicated context");
        }
    }

    private static void run(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            // The transaction has committed; a failing side effect must not turn it into a failure.
            LOG.warnf("after-commit callback failed: %s", e.toString());
        }
    }
}
