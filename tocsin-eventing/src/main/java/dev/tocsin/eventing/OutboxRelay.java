package dev.tocsin.eventing;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in insertion order and deletes them once Kafka acknowledged.
 * It runs on its own thread with plain JDBC because it blocks on Kafka acks. Callers {@link #wake()}
 * it right after a commit, so the alert → page path does not wait for a poll; the slow poll only
 * picks up rows left by a crash or by another replica. An advisory lock lets one replica relay at
 * a time, which keeps each key's events in order; a crash between send and delete resends, and
 * consumers drop the duplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String LOCK = "select pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox'))";
    private static final String SELECT =
            "select id, event_id, topic, record_key, ce_type, ce_time, payload from outbox order by id limit ?";
    private static final String DELETE = "delete from outbox where id = any(?)";

    private final AgroalDataSource dataSource;
    private final Producer<String, String> producer;
    private final EventingConfig config;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter published;
    private final Timer roundTrip;
    private volatile boolean running;
    private Thread thread;

    OutboxRelay(AgroalDataSource dataSource, Producer<String, String> producer, EventingConfig config,
            MeterRegistry registry) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.config = config;
        this.published = registry.counter("tocsin.outbox.published");
        this.roundTrip = LatencyHistograms.timer("tocsin.outbox.relay", "one relay round: read, publish, delete",
                Duration.ofMillis(1), Duration.ofSeconds(30), Duration.ofMillis(10), Duration.ofMillis(50),
                Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1)).register(registry);
    }

    /** Asks the relay to look at the outbox now; cheap, and safe to call from any thread. */
    public void wake() {
        wakeUps.release();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        wake();
        if (thread != null) {
            thread.join(config.sendTimeout().toMillis());
        }
    }

    private void run() {
        long backoffMs = 100;
        while (running) {
            try {
                wakeUps.tryAcquire(config.relay().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                while (running && roundTrip.recordCallable(this::publishBatch) >= config.relay().batchSize()) {
                    // A full batch means more rows are waiting.
                }
                backoffMs = 100;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("outbox relay failed, retrying in %d ms: %s", backoffMs, e.toString());
                sleepQuietly(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 10_000);
            }
        }
    }

    private int publishBatch() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!lock(connection)) {
                    connection.rollback();
                    return 0;
                }
                List<Long> ids = new ArrayList<>();
                List<Future<?>> acks = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(SELECT)) {
                    select.setInt(1, config.relay().batchSize());
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getLong(1));
                            acks.add(producer.send(CloudEventRecords.toRecord(rows.getString(3), rows.getString(4),
                                    rows.getObject(2, UUID.class), rows.getString(5), config.source(),
                                    rows.getTimestamp(6).toInstant(), rows.getString(7))));
                        }
                    }
                }
                for (Future<?> ack : acks) {
                    ack.get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                }
                try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
                    delete.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
                    delete.executeUpdate();
                }
                connection.commit();
                published.increment(ids.size());
                return ids.size();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static boolean lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK); ResultSet row = lock.executeQuery()) {
            return row.next() && row.getBoolean(1);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            // Backoff after a failure (database or broker down): nothing to wait for but time.
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
