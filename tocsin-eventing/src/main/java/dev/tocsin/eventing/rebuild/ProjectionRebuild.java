package dev.tocsin.eventing.rebuild;

import dev.tocsin.eventing.api.ProblemException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The one way every service rebuilds its projections: the {@link Projection} beans it registers are
 * emptied and built again from their events, those of its own event store
 * ({@link StoredProjection}) in one transaction, those of other services' topics
 * ({@link TopicProjection}) by replaying the topics. One rebuild runs at a time per service, across
 * its replicas: a PostgreSQL advisory lock named after the service's schema guards it.
 */
@ApplicationScoped
public class ProjectionRebuild {

    private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);
    // Session-level, so it spans the topic replay's many transactions; released in finally or with the session.
    private static final String TRY_LOCK = "select pg_try_advisory_lock(hashtext('tocsin.rebuild.' || current_schema()))";
    private static final String UNLOCK = "select pg_advisory_unlock(hashtext('tocsin.rebuild.' || current_schema()))";

    private final AgroalDataSource dataSource;
    private final List<StoredProjection<?, ?>> stored = new ArrayList<>();
    private final List<TopicProjection> fromTopics = new ArrayList<>();
    private final StoreReplay storeReplay;
    private final TopicReplay topicReplay;

    ProjectionRebuild(AgroalDataSource dataSource, @All List<Projection> projections, StoreReplay storeReplay,
            TopicReplay topicReplay) {
        this.dataSource = dataSource;
        this.storeReplay = storeReplay;
        this.topicReplay = topicReplay;
        // Named order, so every rebuild of a service takes its tables' locks in the same order.
        for (Projection projection : projections.stream().sorted(Comparator.comparing(Projection::name)).toList()) {
            switch (projection) {
                case StoredProjection<?, ?> s -> stored.add(s);
                case TopicProjection t -> fromTopics.add(t);
            }
        }
    }

    /**
     * Rebuilds every projection of the service and answers once they caught up with their events as
     * they were when it started; 409 while another rebuild of the service runs.
     */
    public Rebuilt rebuild() throws SQLException {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            if (!query(connection, TRY_LOCK)) {
                throw new ProblemException(409, "Conflict", "a projection rebuild is already running on this service");
            }
            try {
                Map<String, Long> rows = new LinkedHashMap<>();
                long events = storeReplay.rebuild(connection, stored, rows);
                events += topicReplay.rebuild(connection, fromTopics, rows);
                Rebuilt rebuilt = new Rebuilt(events, rows,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                LOG.infof("projections rebuilt: %s", rebuilt);
                return rebuilt;
            } finally {
                query(connection, UNLOCK);
            }
        }
    }

    private static boolean query(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getBoolean(1);
        }
    }

    /** The rows of each table, as this connection's transaction sees them. */
    static void count(Connection connection, List<String> tables, Map<String, Long> rows) throws SQLException {
        for (String table : tables) {
            try (PreparedStatement count = connection.prepareStatement("select count(*) from " + table);
                    ResultSet result = count.executeQuery()) {
                result.next();
                rows.put(table, result.getLong(1));
            }
        }
    }
}
