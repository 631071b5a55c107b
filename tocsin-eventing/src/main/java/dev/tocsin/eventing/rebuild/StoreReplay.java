package dev.tocsin.eventing.rebuild;

import dev.tocsin.eventing.EventStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** Returns how many events it replayed; puts each table's rows afterwards into {@code rows}. */
    long rebuild(Connection connection, List<StoredProjection<?, ?>> projections, Map<String, Long> rows)
            throws SQLException {
        if (projections.isEmpty()) {
            return 0;
        }
        List<String> tables = projections.stream().flatMap(p -> p.tables().stream()).toList();
        for (int attempt = 1; ; attempt++) {
            connection.setAutoCommit(false);
            try {
                long events = replay(connection, projections, tables);
                ProjectionRebuild.count(connection, tables, rows);
                connection.commit();
                return events;
            } catch (SQLException e) {
                connection.rollback();
                // A live writer may take the tables in another order than the lock does; PostgreSQL
                // breaks the tie by failing one of the two, and the lock is then taken again.
                if (!DEADLOCK.equals(e.getSQLState()) || attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.infof("projection rebuild met a live writer in a deadlock; locking again (attempt %d)", attempt + 1);
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private long replay(Connection connection, List<StoredProjection<?, ?>> projections, List<String> tables)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("lock table " + String.join(", ", tables) + " in access exclusive mode");
            for (String table : tables) {
                statement.execute("delete from " + table);
            }
        }
        long events = 0;
        for (StoredProjection<?, ?> projection : projections) {
            events += replay(connection, projection);
        }
        return events;
    }

    private <E, S> long replay(Connection connection, StoredProjection<E, S> projection) throws SQLException {
        Fold<E, S> fold = new Fold<>(connection, projection, config.batchSize());
        long events = store.replay(connection, projection.events(), fold::accept);
        fold.finish();
        return events;
    }

    /** Folds one aggregate at a time (the store hands them over one after another) and writes in batches. */
    private static final class Fold<E, S> {
        private final Connection connection;
        private final StoredProjection<E, S> projection;
        private final int batchSize;
        private final List<S> batch = new ArrayList<>();
        private String aggregateId;
        private S state;

        Fold(Connection connection, StoredProjection<E, S> projection, int batchSize) {
            this.connection = connection;
            this.projection = projection;
            this.batchSize = batchSize;
        }

        void accept(String id, E event) throws SQLException {
            if (!id.equals(aggregateId)) {
                done();
                aggregateId = id;
                state = projection.initial(id);
            }
            state = projection.apply(state, event);
        }

        void finish() throws SQLException {
            done();
            flush();
        }

        private void done() throws SQLException {
            if (aggregateId != null) {
                batch.add(state);
                if (batch.size() >= batchSize) {
                    flush();
                }
            }
        }

        private void flush() throws SQLException {
            if (!batch.isEmpty()) {
                projection.insert(connection, List.copyOf(batch));
                batch.clear();
            }
        }
    }
}
