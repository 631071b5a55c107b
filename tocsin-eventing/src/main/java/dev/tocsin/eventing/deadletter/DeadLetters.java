package dev.tocsin.eventing.deadletter;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.Timestamps;
import dev.tocsin.events.EventJson;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
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
    private static final HexFormat HEX = HexFormat.of();
    private static final TypeReference<List<DeadLetter.Header>> HEADERS = new TypeReference<>() { };
    private static final String PARK = """
            insert into dead_letters (consumer, topic, topic_partition, record_offset, record_key, headers, value,
                error_class, error, first_failed_at, last_failed_at, attempts, status)
            values (?, ?, ?, ?, decode(cast(? as text), 'hex'), ?, decode(cast(? as text), 'hex'), ?, ?, ?, ?, ?, ?)
            on conflict (consumer, topic, topic_partition, record_offset) do update set
                error_class = excluded.error_class, error = excluded.error, last_failed_at = excluded.last_failed_at,
                attempts = dead_letters.attempts + excluded.attempts,
                status = excluded.status""";
    /** {@link #PARK} with numbered placeholders, for Hibernate Reactive. */
    private static final String PARK_NUMBERED = positional(PARK, "?");
    /** {@link #PARK} with the reactive PostgreSQL client's placeholders. */
    private static final String PARK_DOLLARS = positional(PARK, "$");

    private static final String COLUMNS = """
            select id, consumer, topic, topic_partition, record_offset, encode(record_key, 'hex'), headers,
                encode(value, 'hex'), error_class, error, first_failed_at, last_failed_at, attempts, status
            from dead_letters""";
    private static final String COUNT = "select count(*) from dead_letters where status <> 'RESOLVED'";

    private final Clock clock;
    private final MeterRegistry registry;
    private final AtomicLong parked = new AtomicLong();

    DeadLetters(Clock clock, MeterRegistry registry) {
        this.clock = clock;
        this.registry = registry;
        registry.gauge("tocsin.dead_letters.parked", parked);
    }

    void count(@Observes StartupEvent started, io.agroal.api.AgroalDataSource dataSource) {
        try (Connection c = dataSource.getConnection(); PreparedStatement count = c.prepareStatement(COUNT);
                ResultSet row = count.executeQuery()) {
            row.next();
            parked.set(row.getLong(1));
        } catch (SQLException e) {
            LOG.warnf("cannot count parked records yet: %s", Failures.describe(e));
        }
    }

    /** Parks a record in its own transaction, after the handler's rolled back. */
    public Uni<Void> park(String consumer, ConsumerRecord<String, String> record, Throwable failure, int attempts) {
        Object[] values = values(consumer, record, failure, attempts);
        warn(consumer, record, failure);
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> {
            var insert = session.createNativeQuery(PARK_NUMBERED);
            for (int i = 0; i < values.length; i++) {
                insert.setParameter(i + 1, values[i]);
            }
            return insert.executeUpdate().chain(() -> session.createNativeQuery(COUNT, Long.class).getSingleResult());
        })).invoke(count -> counted(consumer, record, count)).replaceWithVoid();
    }

    /** Parks a record inside the transaction of {@code connection} (the decision pipeline's), on the reactive client. */
    public Uni<Void> park(SqlClient connection, String consumer, ConsumerRecord<String, String> record,
            Throwable failure, int attempts) {
        Object[] values = values(consumer, record, failure, attempts);
        warn(consumer, record, failure);
        return connection.preparedQuery(PARK_DOLLARS)
                .execute(Tuple.from(Arrays.stream(values).map(v -> v instanceof Instant at ? Sql.at(at) : v).toList()))
                .chain(() -> connection.query(COUNT).execute())
                .invoke(rows -> counted(consumer, record, rows.iterator().next().getLong(0)))
                .replaceWithVoid();
    }

    /** Newest first: at most {@code limit} parked before the one with id {@code before}, or the newest when null. */
    public Uni<List<DeadLetter>> list(Long before, int limit) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(COLUMNS + " where id < :before order by id desc limit :limit", Object[].class)
                .setParameter("before", before == null ? Long.MAX_VALUE : before)
                .setParameter("limit", limit).getResultList()))
                .map(rows -> rows.stream().map(DeadLetters::read).toList());
    }

    public Uni<Optional<DeadLetter>> get(long id) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery(COLUMNS + " where id = :id", Object[].class)
                .setParameter("id", id).getResultList()))
                .map(rows -> rows.stream().findFirst().map(DeadLetters::read));
    }

    /** Marks a record applied by a retry. */
    public Uni<Void> resolve(long id) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("update dead_letters set status = 'RESOLVED' where id = :id")
                .setParameter("id", id).executeUpdate()
                .chain(() -> session.createNativeQuery(COUNT, Long.class).getSingleResult())))
                .invoke(parked::set).replaceWithVoid();
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

    private Object[] values(String consumer, ConsumerRecord<String, String> record, Throwable failure, int attempts) {
        List<DeadLetter.Header> headers = StreamSupport.stream(record.headers().spliterator(), false)
                .map(h -> new DeadLetter.Header(h.key(), h.value() == null ? null
                        : new String(h.value(), StandardCharsets.UTF_8)))
                .toList();
        Instant now = clock.instant();
        return new Object[] {consumer, record.topic(), record.partition(), record.offset(), hex(record.key()),
            EventJson.write(headers), hex(record.value()), Failures.category(failure), Failures.describe(failure),
            now, now, attempts, Redelivery.isRetry(record) ? DeadLetter.RETRIED : DeadLetter.PARKED};
    }

    private static String hex(String text) {
        return text == null ? null : HEX.formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Object hex) {
        return hex == null ? null : new String(HEX.parseHex((String) hex), StandardCharsets.UTF_8);
    }

    /**
     * {@code ?1, ?2, …} for Hibernate's native queries, which take JDBC's bare {@code ?} only when
     * numbered, or {@code $1, $2, …} for the reactive client.
     */
    private static String positional(String sql, String prefix) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?') {
                out.append(prefix).append(++n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static DeadLetter read(Object[] row) {
        return new DeadLetter(((Number) row[0]).longValue(), (String) row[1], (String) row[2],
                ((Number) row[3]).intValue(), ((Number) row[4]).longValue(), text(row[5]),
                headers((String) row[6]),
                text(row[7]), (String) row[8], (String) row[9], Timestamps.instant(row[10]), Timestamps.instant(row[11]),
                ((Number) row[12]).intValue(), (String) row[13]);
    }

    private static List<DeadLetter.Header> headers(String json) {
        try {
            return EventJson.MAPPER.readValue(json, HEADERS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("dead letter headers are not the JSON this class wrote", e);
        }
    }
}
