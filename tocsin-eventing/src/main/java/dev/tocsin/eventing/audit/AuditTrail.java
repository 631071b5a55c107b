package dev.tocsin.eventing.audit;

import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.api.Actor;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Records who changed what through the management API ({@code GET /api/v1/audit}). A request
 * that may change something ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE} under
 * {@code /api/v1/}) carries a pending entry: its actor (from the token), method, path and time.
 * The first {@link dev.tocsin.eventing.AfterCommit#transaction} of the request that commits writes
 * it on its connection, so the entry commits exactly when the change does, and a change rolled back
 * (a refusal) leaves none; a request that only looks like a change (a configuration plan)
 * {@link #discard discards} it. A change made without such a transaction (a Hibernate
 * Reactive one) writes the entry in its own transaction ({@link Entry#values}); a rebuild, which is
 * no single transaction, writes it {@link #writeAlone alone} once done. A request that reads by
 * {@code POST} (a search, a dry run) writes nothing, since nothing wrote an entry for it.
 */
public class AuditTrail {

    private static final String KEY = AuditTrail.class.getName() + ".pending";
    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String INSERT = "insert into audit_log (at, actor, method, path) values ($1, $2, $3, $4)";

    private final SecurityIdentity identity;
    private final Clock clock;

    AuditTrail(SecurityIdentity identity, Clock clock) {
        this.identity = identity;
        this.clock = clock;
    }

    /** Who is changing what, until it is written. */
    public static final class Entry {
        private final Tuple row;
        private boolean written;

        private Entry(Tuple row) {
            this.row = row;
        }

        /**
         * The row's values in {@link #INSERT}'s order (at, actor, method, path), for a change made in a
         * Hibernate Reactive transaction, which writes the entry with a native statement of its own.
         */
        public List<Object> values() {
            return List.of(row.getValue(0), row.getValue(1), row.getValue(2), row.getValue(3));
        }
    }

    /** {@link #INSERT} with positional parameters as Hibernate's native queries take them ({@code ?1}). */
    public static final String NATIVE_INSERT = INSERT.replaceAll("\\$(\\d)", "?$1");

    @ServerRequestFilter
    public void open(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!CHANGES.contains(request.getMethod()) || !path.startsWith("/api/v1/") || identity.isAnonymous()) {
            return;
        }
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            ContextLocals.put(KEY, new Entry(Tuple.of(Sql.at(clock.instant()), Actor.of(identity).reference(),
                    request.getMethod(), path)));
        }
    }

    /**
     * For a change no {@link dev.tocsin.eventing.AfterCommit#transaction} made (a rebuild): writes
     * the entry in a statement of its own, once the change is done.
     */
    public static Uni<Void> writeAlone() {
        Optional<Entry> pending = pending();
        return write(Sql.pool(), pending).invoke(() -> committed(pending));
    }

    /** The request's entry while it is not written, read on the request's context as a transaction begins. */
    public static Optional<Entry> pending() {
        Context context = Vertx.currentContext();
        Optional<Entry> entry = context == null || !VertxContext.isDuplicatedContext(context) ? Optional.empty()
                : ContextLocals.get(KEY);
        return entry.filter(e -> !e.written);
    }

    /**
     * Writes the entry on the transaction's connection; called by {@link
     * dev.tocsin.eventing.AfterCommit#transaction} as its work ends, and {@link #committed} once it
     * has committed.
     */
    public static Uni<Void> write(SqlClient connection, Optional<Entry> entry) {
        return entry.filter(e -> !e.written)
                .map(e -> connection.preparedQuery(INSERT).execute(e.row).replaceWithVoid())
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    /** The entry's transaction committed: no later transaction or fallback of the request writes it again. */
    public static void committed(Optional<Entry> entry) {
        entry.ifPresent(e -> e.written = true);
    }

    /** The request changes nothing after all (it plans): no entry is written for it. */
    public static void discard() {
        Context context = Vertx.currentContext();
        if (context != null && VertxContext.isDuplicatedContext(context)) {
            ContextLocals.remove(KEY);
        }
    }

}
