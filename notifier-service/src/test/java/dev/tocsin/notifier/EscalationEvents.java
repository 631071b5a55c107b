package dev.tocsin.notifier;

import static org.awaitility.Awaitility.await;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.testing.Infrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * What the notifier's tests play and hear on Kafka: events produced as escalation-service's outbox
 * would publish them, and what notifier-service publishes on {@code tocsin.notifications}, read
 * back with a consumer of the tests' own. One producer and one reader for the test JVM.
 */
final class EscalationEvents {

    static final Duration BOUND = Duration.ofSeconds(30);
    private static final String SOURCE = "/tocsin/escalation-service";
    private static KafkaProducer<String, String> producer;
    private static NotificationsTopic notifications;

    private EscalationEvents() {
    }

    /** Publishes {@code event} as escalation-service would, and waits for the broker's acknowledgement. */
    static void send(IntegrationEvent event, Instant at) {
        try {
            producer().send(CloudEventRecords.toRecord(event, SOURCE, at)).get();
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not take " + event, e);
        }
    }

    /** The first event of {@code type} on {@code tocsin.notifications} that matches, once it arrives. */
    static <E extends IntegrationEvent> E awaitEvent(Class<E> type, Predicate<E> matching) {
        NotificationsTopic topic = notifications();
        return await(type.getSimpleName()).atMost(BOUND).until(() -> topic.find(type, matching),
                Optional::isPresent).orElseThrow();
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = Infrastructure.producer();
            Runtime.getRuntime().addShutdownHook(new Thread(producer::close, "test-producer-stop"));
        }
        return producer;
    }

    private static synchronized NotificationsTopic notifications() {
        if (notifications == null) {
            notifications = new NotificationsTopic(Infrastructure.kafkaBootstrapServers());
            Runtime.getRuntime().addShutdownHook(new Thread(notifications::close, "notifications-stop"));
        }
        return notifications;
    }
}
