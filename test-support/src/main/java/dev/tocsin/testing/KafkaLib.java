package dev.tocsin.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the Kafka broker jars copied by the {@code kafka-runtime} module. */
final class KafkaLib {

    private KafkaLib() {
    }

    static Path locate() {
        String property = System.getProperty("tocsin.kafka.lib");
        if (property != null && Files.isDirectory(Path.of(property))) {
            return Path.of(property);
        }
        String env = System.getenv("TOCSIN_KAFKA_LIB");
        if (env != null && Files.isDirectory(Path.of(env))) {
            return Path.of(env);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("kafka-runtime/target/lib");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no Kafka broker jars: set system property tocsin.kafka.lib or "
                + "TOCSIN_KAFKA_LIB, or build kafka-runtime (./mvnw package -pl kafka-runtime) so that "
                + "kafka-runtime/target/lib exists above the working directory");
    }
}
