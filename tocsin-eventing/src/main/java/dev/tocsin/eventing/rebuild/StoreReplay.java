package dev.tocsin.eventing.rebuild;

import dev.tocsin.eventing.EventStore;
import dev.tocsin.eventing.Sql;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Rebuilds the projections of the service's own event store in one transaction. Their tables are
 * locked first, which holds the live writers back until it commits: a change decided meanwhile
 * would otherwise update rows just deleted. A live writer that appended its events before the lock
 * and waits for it writes after the commit, on rows that do not hold its events yet.
 */
@ApplicationScoped
class StoreReplay {

    private static final Logger LOG = Logger.getLogger(StoreReplay.class);
    private static final String DEADLOCK = "40P01";
    private static final int ATTEMPTS = 3;

    private final EventStore store;
    private final RebuildConfig config;

    StoreReplay(EventStore store, RebuildConfig config) {
        this.store = store;
        this.config = config;
    }

    /** Answers how many events it replayed; puts each table's rows afterwards into {@code rows}. */
    Uni<Long> rebuild(List<StoredProjection<?, ?>> projections, Map<String, Long> rows) {
        if (projections.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        List<String> tables = projections.stream().flatMap(p -> p.tables().stream()).toList();
        AtomicInteger attempt = new AtomicInteger();
        return Uni.createFrom().deferred(() -> {
            if (attempt.incrementAndGet() > 1) {
                LOG.infof("projection rebuild met a live writer in a deadlock; locking again (attempt %d)", attempt.get());
            }
            return Sql.transaction(c -> empty(c, tables)
                    .chain(() -> Multi.createFrom().iterable(projections)
                            .onItem().transformToUniAndConcatenate(projection -> replay(c, projection))
                            .collect().with(Collectors.summingLong(Long::longValue)))
                    .call(() -> ProjectionRebuild.count(c, tables, rows)));
        })
                // A live writer may take the tables in another order than the lock does; PostgreSQL
                // breaks the tie by failing one of the two, and the lock is then taken again.
                .onFailure(StoreReplay::deadlock).retry().atMost(ATTEMPTS - 1);
    }

    private static boolean deadlock(Throwable failure) {
        return failure instanceof PgException pg && DEADLOCK.equals(pg.getSqlState());
    }

    private static Uni<Void> empty(SqlConnection connection, List<String> tables) {
        Uni<Void> emptied = connection.query("lock table " + String.join(", ", tables) + " in access exclusive mode")
                .execute().replaceWithVoid();
        for (String table : tables) {
            emptied = emptied.chain(() -> connection.query("delete from " + table).execute()).replaceWithVoid();
        }
        return emptied;
    }

    private <E, S> Uni<Long> replay(SqlConnection connection, StoredProjection<E, S> projection) {
        Fold<E, S> fold = new Fold<>(connection, projection, config.batchSize());
        return store.replay(connection, projection.events())
                .onItem().call(fold::accept)
                .collect().with(Collectors.counting())
                .call(fold::finish);
    }

    /** Folds one aggregate at a time (the store hands them over one after another) and writes in batches. */
    private static final class Fold<E, S> {
        private final SqlConnection connection;
        private final StoredProjection<E, S> projection;
        private final int batchSize;
        private final List<S> batch = new ArrayList<>();
        private String aggregateId;
        private S state;

        Fold(SqlConnection connection, StoredProjection<E, S> projection, int batchSize) {
            this.connection = connection;
            this.projection = projection;
            this.batchSize = batchSize;
        }

        /** Folds the event in; writes a batch when the aggregate before it filled one. */
        Uni<Void> accept(EventStore.Replayed<E> replayed) {
            Uni<Void> written = Uni.createFrom().voidItem();
            if (!replayed.aggregateId().equals(aggregateId)) {
                written = done();
                aggregateId = replayed.aggregateId();
                state = projection.initial(aggregateId);
            }
            state = projection.apply(state, replayed.event());
            return written;
        }

        Uni<Void> finish() {
            return done().chain(this::flush);
        }

        private Uni<Void> done() {
            if (aggregateId == null) {
                return Uni.createFrom().voidItem();
            }
            batch.add(state);
            return batch.size() >= batchSize ? flush() : Uni.createFrom().voidItem();
        }

        private Uni<Void> flush() {
            if (batch.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<S> rows = List.copyOf(batch);
            batch.clear();
            return projection.insert(connection, rows);
        }
    }
}
