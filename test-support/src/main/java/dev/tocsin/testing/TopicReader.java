package dev.tocsin.testing;

import dev.tocsin.events.CloudEventHeaders;
import dev.tocsin.events.EventJson;
import dev.tocsin.events.IntegrationEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/**
 * Reads what a service published, with a real Kafka consumer in a group of its own, from the
 * beginning of the topics. Tests assert on the decoded events, never on a mock.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<IntegrationEvent> seen = new CopyOnWriteArrayList<>();

    public TopicReader(String bootstrapServers, String... topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of(topics));
    }

    /** Waits, bounded, until an event of that type matching the predicate was published, and returns it. */
    public <E extends IntegrationEvent> E await(Class<E> type, Predicate<E> matching, Duration atMost) {
        Awaitility.await(type.getSimpleName() + " on Kafka").atMost(atMost).until(() -> {
            poll();
            return !all(type, matching).isEmpty();
        });
        return all(type, matching).get(0);
    }

    /** Reads whatever arrived since the last call. */
    public synchronized void poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
            if (type != null && record.value() != null) {
                EventJson.readEvent(new String(type.value(), StandardCharsets.UTF_8), record.value()).ifPresent(seen::add);
            }
        }
    }

    /** Every event of that type matching the predicate read so far. */
    public <E extends IntegrationEvent> List<E> all(Class<E> type, Predicate<E> matching) {
        return seen.stream().filter(type::isInstance).map(type::cast).filter(matching).toList();
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
