package dev.tocsin.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;

/**
 * What a service holds, to show that a run of requests changed nothing: each table of its schema
 * (row count and a digest of every row) and the end offset of every partition of every
 * {@code tocsin.*} topic.
 */
public record ServiceState(Map<String, String> tables, Map<String, Long> endOffsets) {

    /** Reads the state once. */
    public static ServiceState of(String schema) {
        return new ServiceState(readTables(schema), readEndOffsets());
    }

    /**
     * Waits, bounded, until two reads a second apart agree (relays and consumers have caught up
     * with what came before), and returns that state.
     */
    public static ServiceState settled(String schema) {
        AtomicReference<ServiceState> last = new AtomicReference<>(of(schema));
        Awaitility.await("the state of " + schema + " to settle").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1)).until(() -> last.getAndSet(of(schema)).equals(last.get()));
        return last.get();
    }

    /** Every difference from {@code before}, as lines a failure message can show. */
    public List<String> changesSince(ServiceState before) {
        List<String> changes = new ArrayList<>();
        before.tables.forEach((table, was) -> {
            if (!was.equals(tables.get(table))) {
                changes.add("table " + table + ": " + was + " -> " + tables.get(table));
            }
        });
        endOffsets.forEach((partition, now) -> {
            if (!now.equals(before.endOffsets.getOrDefault(partition, 0L))) {
                changes.add("topic " + partition + ": end offset " + before.endOffsets.get(partition) + " -> " + now);
            }
        });
        return changes;
    }

    private static Map<String, String> readTables(String schema) {
        Database db = Infrastructure.database();
        Map<String, String> tables = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                Statement statement = connection.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("select table_name from information_schema.tables where table_schema = '"
                    + schema + "' and table_type = 'BASE TABLE' and table_name not like 'flyway%'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                try (ResultSet rs = statement.executeQuery("select count(*) || ' rows, digest ' || coalesce(md5(string_agg(t::text, "
                        + "',' order by t::text)), '-') from " + schema + "." + name + " t")) {
                    rs.next();
                    tables.put(name, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tables of " + schema, e);
        }
        return tables;
    }

    private static Map<String, Long> readEndOffsets() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.listTopics(Duration.ofSeconds(10)).entrySet().stream()
                    .filter(topic -> topic.getKey().startsWith("tocsin."))
                    .flatMap(topic -> topic.getValue().stream().map(p -> new TopicPartition(p.topic(), p.partition())))
                    .toList();
            Map<String, Long> offsets = new TreeMap<>();
            consumer.endOffsets(partitions, Duration.ofSeconds(10)).forEach((p, offset) -> offsets.put(p.toString(), offset));
            return offsets;
        }
    }
}
