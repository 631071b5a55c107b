package dev.tocsin.eventing.rebuild;

import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.api.ProblemException;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
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
 * its replicas: a PostgreSQL advisory lock named after the service's schema guards it. It blocks
 * the calling thread (the topic replay polls Kafka), so it must not run on an event loop.
 */
@ApplicationScoped
public class ProjectionRebuild {

    private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);
    // Session-level, so it spans the topic replay's many transactions; released in finally or with the session.
    private static final String TRY_LOCK = "select pg_try_advisory_lock(hashtext('tocsin.rebuild.' || current_schema()))";
    private static final String UNLOCK = "select pg_advisory_unlock(hashtext('tocsin.rebuild.' || current_schema()))";

    private final List<StoredProjection<?, ?>> stored = new ArrayList<>();
    private final List<TopicProjection> fromTopics = new ArrayList<>();
    private final StoreReplay storeReplay;
    private final TopicReplay topicReplay;

    ProjectionRebuild(@All List<Projection> projections, StoreReplay storeReplay, TopicReplay topicReplay) {
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
    public Rebuilt rebuild() {
        long started = System.nanoTime();
        // The lock is the session's: this connection holds it while the rebuild's own transactions run on others.
        SqlConnection lockHolder = Sql.pool().getConnectionAndAwait();
        try {
            if (!flag(lockHolder, TRY_LOCK)) {
                throw new ProblemException(409, "Conflict", "a projection rebuild is already running on this service");
            }
            try {
                Map<String, Long> rows = new LinkedHashMap<>();
                long events = storeReplay.rebuild(stored, rows).await().indefinitely();
                events += topicReplay.rebuild(fromTopics, rows);
                Rebuilt rebuilt = new Rebuilt(events, rows,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                LOG.infof("projections rebuilt: %s", rebuilt);
                return rebuilt;
            } finally {
                flag(lockHolder, UNLOCK);
            }
        } finally {
            lockHolder.closeAndAwait();
        }
    }

    private static boolean flag(SqlConnection connection, String sql) {
        return connection.query(sql).executeAndAwait().iterator().next().getBoolean(0);
    }

    /** The rows of each table, as {@code client} (a transaction's connection, or the pool) sees them. */
    static Uni<Void> count(SqlClient client, List<String> tables, Map<String, Long> rows) {
        Uni<Void> counted = Uni.createFrom().voidItem();
        for (String table : tables) {
            counted = counted.chain(() -> client.query("select count(*) from " + table).execute())
                    .invoke(result -> rows.put(table, result.iterator().next().getLong(0)))
                    .replaceWithVoid();
        }
        return counted;
    }
}
