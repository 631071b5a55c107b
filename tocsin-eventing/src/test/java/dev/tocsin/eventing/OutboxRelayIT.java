package dev.tocsin.eventing;

import static dev.tocsin.eventing.Polls.alert;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.events.CloudEventHeaders;
import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TocsinTestResource;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Given outbox rows that committed while no relay could publish them, some of them already sent
 * by a relay that crashed before deleting them, when a relay takes over, then every row reaches
 * Kafka in the order it was written, and a consumer's inbox drops the copies by event id.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class OutboxRelayIT {

    /** The relay's own lock: one replica relays at a time, so holding it keeps this one from publishing. */
    private static final String LOCK = "select pg_advisory_lock(hashtext(current_schema() || '.outbox'))";
    private static final String UNLOCK = "select pg_advisory_unlock(hashtext(current_schema() || '.outbox'))";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    Inbox inbox;

    @Inject
    AgroalDataSource database;

    @Inject
    MeterRegistry registry;

    @Test
    void rowsLeftByACrashArePublishedInOrderAndTheResentCopiesAreAppliedOnce() throws Throwable {
        String alertId = "relay-" + UUID.randomUUID();
        List<AlertTriggered> events = List.of(alert(alertId, "1"), alert(alertId, "2"), alert(alertId, "3"),
                alert(alertId, "4"), alert(alertId, "5"));
        try (Connection crashed = database.getConnection()) {
            // The replica that held the relay lock is down; its lock goes only when its session ends.
            crashed.createStatement().execute(LOCK);
            VertxContextSupport.subscribeAndAwait(() -> AfterCommit.transaction(() -> {
                Uni<Void> writes = Uni.createFrom().voidItem();
                for (AlertTriggered event : events) {
                    writes = writes.chain(() -> outbox.append(event));
                }
                return writes;
            }));
            // It had sent the first two rows and died before deleting them.
            sendAsTheRelayWould(alertId, 2);
            double rounds = relayRounds();
            relay.wake();
            Awaitility.await("a relay round").atMost(WAIT).until(() -> relayRounds() > rounds);
            assertEquals(5, outboxRows(alertId), "nothing is published while another relay holds the lock");
            crashed.createStatement().execute(UNLOCK);
        }
        relay.wake();

        List<ConsumerRecord<String, String>> published = read(alertId, 7);
        assertEquals(List.of("1", "2", "1", "2", "3", "4", "5"), published.stream().map(OutboxRelayIT::summary).toList());
        assertEquals(id(published.get(0)), id(published.get(2)), "a resent row keeps its event id");
        Awaitility.await("outbox emptied").atMost(WAIT).until(() -> outboxRows(alertId) == 0);

        // Downstream, the copies are dropped by event id: each event is applied once, in order.
        List<String> applied = new CopyOnWriteArrayList<>();
        VertxContextSupport.subscribeAndAwait(() -> inbox.consume("relay-test-" + alertId, AlertTriggered.class,
                published, fresh -> Uni.createFrom().voidItem().invoke(() -> applied.add(fresh.event().summary()))));
        assertEquals(List.of("1", "2", "3", "4", "5"), applied);
    }

    /** What the relay sends for the oldest rows of the alert, built from the rows as the relay builds it. */
    private void sendAsTheRelayWould(String alertId, int rows) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement select = c.prepareStatement(
                "select event_id, topic, record_key, ce_type, ce_time, payload from outbox where record_key = ? "
                        + "order by id limit ?");
                KafkaProducer<String, String> producer = producer()) {
            select.setString(1, alertId);
            select.setInt(2, rows);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    producer.send(CloudEventRecords.toRecord(row.getString(2), row.getString(3),
                            row.getObject(1, UUID.class), row.getString(4), "/tocsin/eventing-test",
                            row.getTimestamp(5).toInstant(), row.getString(6))).get();
                }
            }
        }
    }

    private List<ConsumerRecord<String, String>> read(String key, int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "relay-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(Topics.ALERTS));
            Awaitility.await(expected + " records of " + key).atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        records.add(r);
                    }
                });
                return records.size() >= expected;
            });
        }
        return records;
    }

    private double relayRounds() {
        return registry.timer("tocsin.outbox.relay").count();
    }

    private long outboxRows(String key) throws Exception {
        try (Connection c = database.getConnection();
                PreparedStatement count = c.prepareStatement("select count(*) from outbox where record_key = ?")) {
            count.setString(1, key);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static KafkaProducer<String, String> producer() {
        return Infrastructure.producer();
    }

    private static String id(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader(CloudEventHeaders.ID).value(), StandardCharsets.UTF_8);
    }

    private static String summary(ConsumerRecord<String, String> record) {
        return AlertTriggered.class.cast(CloudEventRecords.require(record).event()).summary();
    }
}
