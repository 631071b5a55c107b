package dev.tocsin.incident.consumer;

import dev.tocsin.eventing.deadletter.Redelivery;
import io.smallrye.mutiny.Uni;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Applies one topic's records to incident-service's projections. The live Kafka channel (a poll
 * at a time) and a projection rebuild feed records through the same method, so a replay builds
 * what live consumption built. A record it parks is retried through the same method.
 */
public interface TopicConsumer extends Redelivery {

    /** The topic, which is also the SmallRye channel name. */
    String topic();

    /** Its name in the inbox, where the ids of the events it applied are kept. */
    String name();

    /** Applies records (a poll) in one transaction, each at most once; completes when it committed. */
    Uni<Void> consume(Iterable<ConsumerRecord<String, String>> records);

    /** Applies one record at most once; completes when its transaction committed. */
    default Uni<Void> consume(ConsumerRecord<String, String> record) {
        return consume(List.of(record));
    }

    @Override
    default String consumer() {
        return name();
    }

    @Override
    default Uni<Void> redeliver(ConsumerRecord<String, String> record) {
        return consume(record);
    }
}
