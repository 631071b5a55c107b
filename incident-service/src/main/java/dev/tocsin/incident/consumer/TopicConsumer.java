package dev.tocsin.incident.consumer;

import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Applies one topic's records to incident-service's projections. The live Kafka channel and a
 * projection rebuild feed records through the same method, so a replay builds what live
 * consumption built.
 */
public interface TopicConsumer {

    /** The topic, which is also the SmallRye channel name. */
    String topic();

    /** Its name in the inbox, where the ids of the events it applied are kept. */
    String name();

    /** Applies one record at most once; completes when its transaction committed. */
    Uni<Void> consume(ConsumerRecord<String, String> record);
}
