package dev.tocsin.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker and a real PostgreSQL database, shared by all
 * tests of the JVM (see {@link Infrastructure} for where they come from).
 */
public class TocsinTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Database db = Infrastructure.database();
        return Map.of(
                "kafka.bootstrap.servers", Infrastructure.kafkaBootstrapServers(),
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.reactive.url", db.reactiveUrl(),
                "quarkus.datasource.username", db.username(),
                "quarkus.datasource.password", db.password());
    }

    @Override
    public void stop() {
        // Shared for the whole JVM; shutdown hooks stop the broker and database.
    }
}
