package dev.tocsin.eventing;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings every Kafka client a service makes by hand shares with SmallRye's channels: the
 * bootstrap address and the security settings ({@code security.protocol}, {@code sasl.*},
 * {@code ssl.*}). They come from the same {@code kafka.*} configuration Quarkus hands to every
 * channel ({@code kafka.security.protocol} or {@code KAFKA_SECURITY_PROTOCOL}, ...), so one set of
 * settings secures the channels, the event producer, the readiness check and the rebuild consumer.
 */
@ApplicationScoped
public class KafkaClients {

    private final Map<String, Object> shared;

    @Inject
    KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> defaults, EventingConfig config) {
        this(defaults, config.bootstrapServers());
    }

    KafkaClients(Map<String, Object> defaults, String bootstrapServers) {
        this.shared = shared(defaults, bootstrapServers);
    }

    /** A client's properties: its own settings over the shared ones (security is never overridden). */
    public Map<String, Object> properties(Map<String, Object> own) {
        Map<String, Object> properties = new HashMap<>(own);
        properties.putAll(shared);
        return properties;
    }

    /** The bootstrap address and every security setting in {@code defaults}, nothing else. */
    static Map<String, Object> shared(Map<String, Object> defaults, String bootstrapServers) {
        Map<String, Object> shared = new TreeMap<>();
        defaults.forEach((name, value) -> {
            if (isSecurity(name) && value != null && !value.toString().isBlank()) {
                shared.put(name, value);
            }
        });
        shared.put("bootstrap.servers", bootstrapServers);
        return shared;
    }

    static boolean isSecurity(String name) {
        // tls-configuration-name: a Quarkus TLS registry entry, which Quarkus turns into an ssl.engine.factory.class.
        return name.equals("security.protocol") || name.startsWith("sasl.") || name.startsWith("ssl.")
                || name.equals("tls-configuration-name");
    }
}
