package dev.tocsin.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

    @Test
    void securitySettingsPassThroughAndNothingElse() {
        // What Quarkus hands every channel from kafka.* (KAFKA_SECURITY_PROTOCOL arrives as security.protocol).
        Map<String, Object> defaults = Map.of(
                "bootstrap.servers", "ignored:9092",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.location", "/etc/tocsin/kafka/ca.p12",
                "ssl.truststore.password", "changeit",
                // Channel settings are not every client's: a consumer setting would break the producer.
                "auto.offset.reset", "earliest",
                "group.id", "escalation-service");
        assertEquals(Map.of(
                "bootstrap.servers", "kafka-1:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.location", "/etc/tocsin/kafka/ca.p12",
                "ssl.truststore.password", "changeit"), KafkaClients.shared(defaults, "kafka-1:9093"));
    }

    @Test
    void aClientKeepsItsOwnSettingsButNotItsOwnSecurity() {
        KafkaClients clients = new KafkaClients(Map.of("security.protocol", "SSL"), "kafka-1:9093");
        assertEquals(Map.of("bootstrap.servers", "kafka-1:9093", "security.protocol", "SSL", "acks", "all"),
                clients.properties(Map.of("acks", "all", "security.protocol", "PLAINTEXT")));
    }
}
