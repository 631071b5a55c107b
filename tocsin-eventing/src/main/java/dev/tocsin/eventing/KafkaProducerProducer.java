package dev.tocsin.eventing;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The service's one Kafka producer for integration events: {@code acks=all} and idempotent, so an
 * acknowledged send is on every in-sync replica and a retried send is never duplicated in the log.
 * It is secured like every other client of the service ({@link KafkaClients}).
 */
@ApplicationScoped
public class KafkaProducerProducer {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Producer<String, String> producer(EventingConfig config, KafkaClients clients) {
        int timeoutMs = (int) config.sendTimeout().toMillis();
        return new KafkaProducer<>(clients.properties(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs + 1,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)));
    }

    void close(@Disposes Producer<String, String> producer) {
        producer.close();
    }
}
