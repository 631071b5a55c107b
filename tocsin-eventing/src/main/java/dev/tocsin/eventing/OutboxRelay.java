package dev.tocsin.eventing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in insertion order and deletes them once Kafka acknowledged.
 * It runs on its own thread because it blocks on Kafka acks, and holds its transaction on the
 * reactive pool by hand across them, waiting for each statement there. Callers {@link #wake()}
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
            "select id, event_id, topic, record_key, ce_type, ce_time, payload from outbox order by id limit $1";
    private static final String DELETE = "delete from outbox where id = any($1)";

    private final Producer<String, String> producer;
    private final EventingConfig config;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter published;
    private final Timer roundTrip;
    private volatile boolean running;
    private Thread thread;

    OutboxRelay(Producer<String, String> producer, EventingConfig config, MeterRegistry registry) {
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
        SqlConnection connection = Sql.pool().getConnectionAndAwait();
        try {
            Transaction transaction = connection.beginAndAwait();
            try {
                int sent = send(connection);
                transaction.commitAndAwait();
                published.increment(sent);
                return sent;
            } catch (Exception e) {
                transaction.rollbackAndAwait();
                throw e;
            }
        } finally {
            connection.closeAndAwait();
        }
    }

    /** Sends the oldest rows and deletes them once Kafka acknowledged them all; none while another replica relays. */
    private int send(SqlConnection connection) throws Exception {
        if (!connection.query(LOCK).executeAndAwait().iterator().next().getBoolean(0)) {
            return 0;
        }
        List<Long> ids = new ArrayList<>();
        List<Future<?>> acks = new ArrayList<>();
        for (Row row : connection.preparedQuery(SELECT).executeAndAwait(Tuple.of(config.relay().batchSize()))) {
            ids.add(row.getLong("id"));
            acks.add(producer.send(CloudEventRecords.toRecord(row.getString("topic"), row.getString("record_key"),
                    row.getUUID("event_id"), row.getString("ce_type"), config.source(), Sql.instant(row, "ce_time"),
                    row.getString("payload"))));
        }
        for (Future<?> ack : acks) {
            ack.get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (!ids.isEmpty()) {
            connection.preparedQuery(DELETE).executeAndAwait(Tuple.tuple().addArrayOfLong(ids.toArray(Long[]::new)));
        }
        return ids.size();
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
