package dev.tocsin.notifier;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.eventing.ReceivedEvent;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what the service published on {@code tocsin.notifications}, with a real consumer of its own group. */
final class NotificationsTopic implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<IntegrationEvent> seen = new CopyOnWriteArrayList<>();

    NotificationsTopic(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "notifier-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of(Topics.NOTIFICATIONS));
    }

    /** Polls once and returns the first event seen so far of that type matching the predicate. */
    synchronized <E extends IntegrationEvent> Optional<E> find(Class<E> type, Predicate<E> matching) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            CloudEventRecords.read(record).map(ReceivedEvent::event).ifPresent(seen::add);
        }
        return all(type, matching).stream().findFirst();
    }

    /** Every event of that type matching the predicate read so far (call {@link #find} to read more). */
    <E extends IntegrationEvent> List<E> all(Class<E> type, Predicate<E> matching) {
        return seen.stream().filter(type::isInstance).map(type::cast).filter(matching).toList();
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
