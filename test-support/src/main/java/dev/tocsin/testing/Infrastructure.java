package dev.tocsin.testing;

import java.util.Map;

import org.apache.kafka.common.serialization.StringSerializer;

import org.apache.kafka.clients.producer.ProducerConfig;

import org.apache.kafka.clients.producer.KafkaProducer;

import dev.tocsin.events.Topics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;

/**
 * The Kafka cluster and PostgreSQL database a test JVM uses, started once and stopped at exit.
 * The order: addresses from the environment ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code PG_URL} with
 * {@code PG_USER}/{@code PG_PASSWORD}), then Testcontainers when a Docker engine answers, then a
 * local broker from the Kafka jars and embedded PostgreSQL. Every Tocsin topic is created up front.
 */
public final class Infrastructure {

    private static final int PARTITIONS = 3;
    private static String kafka;
    private static Database database;

    private Infrastructure() {
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            kafka = startKafka();
            KafkaBroker.createTopics(kafka, allTopics(), PARTITIONS);
        }
        return kafka;
    }

    /** A producer of string records to the test broker, acknowledged by all replicas; the caller closes it. */
    public static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    public static synchronized Database database() {
        if (database == null) {
            database = startDatabase();
        }
        return database;
    }

    /** Every topic name declared in {@link Topics}. */
    public static List<String> allTopics() {
        return Arrays.stream(Topics.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(Infrastructure::value)
                .toList();
    }

    private static String startKafka() {
        String fromEnv = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        if (dockerAvailable()) {
            var container = new org.testcontainers.kafka.KafkaContainer("apache/kafka:4.1.0");
            container.start();
            return container.getBootstrapServers();
        }
        return KafkaBroker.start(buildDir().resolve("kafka-" + UUID.randomUUID())).bootstrapServers();
    }

    private static Database startDatabase() {
        String url = System.getenv("PG_URL");
        if (url != null && !url.isBlank()) {
            return Database.fromJdbcUrl(url, env("PG_USER", "postgres"), env("PG_PASSWORD", "postgres"));
        }
        if (dockerAvailable()) {
            var container = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:16")
                    .withDatabaseName(Postgres.DATABASE).withCommand("postgres", "-c", "max_connections=300");
            container.start();
            return Database.fromJdbcUrl(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        return Postgres.start(buildDir().resolve("pg-" + UUID.randomUUID())).database();
    }

    private static boolean dockerAvailable() {
        // Asking Testcontainers without any Docker endpoint logs an ERROR; look for one first.
        if (System.getenv("DOCKER_HOST") == null && !java.nio.file.Files.exists(Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    /** The module's build folder (tests run with the module as working directory). */
    static Path buildDir() {
        return Path.of("target").toAbsolutePath();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
