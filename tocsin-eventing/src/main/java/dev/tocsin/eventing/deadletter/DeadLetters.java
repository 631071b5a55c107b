package dev.tocsin.eventing.deadletter;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tocsin.eventing.Sql;
import dev.tocsin.events.EventJson;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The service's {@code dead_letters} table: records its consumers parked, kept byte for byte with
 * the reason, counted in {@code tocsin.dead_letters} (by consumer and topic) and in the gauge
 * {@code tocsin.dead_letters.parked}. Parking the same record again updates its one row.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final TypeReference<List<DeadLetter.Header>> HEADERS = new TypeReference<>() { };
    private static final String PARK = """
            insert into dead_letters (consumer, topic, topic_partition, record_offset, record_key, headers, value,
                error_class, error, first_failed_at, last_failed_at, attempts, status)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12)
            on conflict (consumer, topic, topic_partition, record_offset) do update set
                error_class = excluded.error_class, error = excluded.error, last_failed_at = excluded.last_failed_at,
                attempts = dead_letters.attempts + excluded.attempts,
                status = excluded.status""";
    private static final String COLUMNS = """
            select id, consumer, topic, topic_partition, record_offset, record_key, headers, value, error_class, error,
                first_failed_at, last_failed_at, attempts, status
            from dead_letters""";
    private static final String PAGE = COLUMNS + " where id < $1 order by id desc limit $2";
    private static final String ONE = COLUMNS + " where id = $1";
    private static final String RESOLVE = "update dead_letters set status = 'RESOLVED' where id = $1";
    private static final String COUNT = "select count(*) from dead_letters where status <> 'RESOLVED'";

    private final Clock clock;
    private final MeterRegistry registry;
    private final AtomicLong parked = new AtomicLong();

    DeadLetters(Clock clock, MeterRegistry registry) {
        this.clock = clock;
        this.registry = registry;
        registry.gauge("tocsin.dead_letters.parked", parked);
    }

    void count(@Observes StartupEvent started) {
        Sql.pool().query(COUNT).execute().subscribe().with(rows -> parked.set(count(rows.iterator().next())),
                failure -> LOG.warnf("cannot count parked records yet: %s", Failures.describe(failure)));
    }

    /** Parks a record in its own transaction, after the handler's rolled back; counted once it committed. */
    public Uni<Void> park(String consumer, ConsumerRecord<String, String> record, Throwable failure, int attempts) {
        Tuple values = values(consumer, record, failure, attempts);
        warn(consumer, record, failure);
        return Sql.transaction(c -> write(c, values))
                .invoke(count -> counted(consumer, record, count)).replaceWithVoid();
    }

    /** Parks a record inside the transaction of {@code connection} (the decision pipeline's). */
    public Uni<Void> park(SqlClient connection, String consumer, ConsumerRecord<String, String> record,
            Throwable failure, int attempts) {
        Tuple values = values(consumer, record, failure, attempts);
        warn(consumer, record, failure);
        return write(connection, values)
                .invoke(count -> counted(consumer, record, count)).replaceWithVoid();
    }

    /** Writes the dead letter; answers how many are parked now. */
    private static Uni<Long> write(SqlClient connection, Tuple values) {
        return connection.preparedQuery(PARK).execute(values)
                .chain(() -> connection.query(COUNT).execute())
                .map(rows -> count(rows.iterator().next()));
    }

    /** Newest first: at most {@code limit} parked before the one with id {@code before}, or the newest when null. */
    public Uni<List<DeadLetter>> list(Long before, int limit) {
        return Sql.client().preparedQuery(PAGE).execute(Tuple.of(before == null ? Long.MAX_VALUE : before, limit))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(DeadLetters::read).toList());
    }

    public Uni<Optional<DeadLetter>> get(long id) {
        return Sql.client().preparedQuery(ONE).execute(Tuple.of(id))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).findFirst().map(DeadLetters::read));
    }

    /** Marks a record applied by a retry. */
    public Uni<Void> resolve(long id) {
        return Sql.transaction(c -> c.preparedQuery(RESOLVE).execute(Tuple.of(id))
                        .chain(() -> c.query(COUNT).execute()))
                .invoke(rows -> parked.set(count(rows.iterator().next()))).replaceWithVoid();
    }

    private void warn(String consumer, ConsumerRecord<String, String> record, Throwable failure) {
        // Ids and positions only: the record may carry alert contents or contact addresses.
        LOG.warnf("%s parks %s-%d@%d: %s", consumer, record.topic(), record.partition(), record.offset(),
                Failures.category(failure));
    }

    private void counted(String consumer, ConsumerRecord<String, String> record, long count) {
        registry.counter("tocsin.dead_letters", "consumer", consumer, "topic", record.topic()).increment();
        parked.set(count);
    }

    private Tuple values(String consumer, ConsumerRecord<String, String> record, Throwable failure, int attempts) {
        List<DeadLetter.Header> headers = StreamSupport.stream(record.headers().spliterator(), false)
                .map(h -> new DeadLetter.Header(h.key(), h.value() == null ? null
                        : new String(h.value(), StandardCharsets.UTF_8)))
                .toList();
        OffsetDateTime now = Sql.at(clock.instant());
        return Tuple.from(Arrays.asList(consumer, record.topic(), record.partition(), record.offset(),
                bytes(record.key()), EventJson.write(headers), bytes(record.value()), Failures.category(failure),
                Failures.describe(failure), now, attempts,
                Redelivery.isRetry(record) ? DeadLetter.RETRIED : DeadLetter.PARKED));
    }

    /** The text as the UTF-8 bytes it came in as; bound as {@code bytea}, which stores what text and jsonb refuse. */
    private static Buffer bytes(String text) {
        return text == null ? null : Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Row row, String column) {
        var bytes = row.getBuffer(column);
        return bytes == null ? null : bytes.toString(StandardCharsets.UTF_8);
    }

    private static long count(Row row) {
        return row.getLong(0);
    }

    private static DeadLetter read(Row row) {
        return new DeadLetter(row.getLong("id"), row.getString("consumer"), row.getString("topic"),
                row.getInteger("topic_partition"), row.getLong("record_offset"), text(row, "record_key"),
                headers(row.getString("headers")), text(row, "value"), row.getString("error_class"),
                row.getString("error"), Sql.instant(row, "first_failed_at"), Sql.instant(row, "last_failed_at"),
                row.getInteger("attempts"), row.getString("status"));
    }

    private static List<DeadLetter.Header> headers(String json) {
        try {
            return EventJson.MAPPER.readValue(json, HEADERS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("dead letter headers are not the JSON this class wrote", e);
        }
    }
}
