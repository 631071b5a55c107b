package dev.tocsin.testing;

import dev.tocsin.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.awaitility.Awaitility;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running as a child JVM
 * from the Apache Kafka jars that the {@code kafka-runtime} module copies into its
 * {@code target/lib}. Keeping it a separate process keeps broker jars off the service classpath
 * and lets a test kill it like a real broker.
 */
public final class KafkaBroker implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final Process process;

    private KafkaBroker(Path dataDir, int port, Process process) {
        this.dataDir = dataDir;
        this.port = port;
        this.process = process;
    }

    /** How the broker's JVM is tuned. */
    public enum Tuning {
        /** C1 only and the serial collector: a test's short-lived broker is ready soonest. */
        STARTUP(List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")),
        /** The JVM's defaults (C2, G1): what a broker in production runs, and what benchmarks need. */
        THROUGHPUT(List.of("-Xms512m", "-Xmx512m"));

        private final List<String> jvmOptions;

        Tuning(List<String> jvmOptions) {
            this.jvmOptions = jvmOptions;
        }
    }

    /** Starts a test's broker on free ports with fresh data under {@code dataDir}. */
    public static KafkaBroker start(Path dataDir) {
        return start(dataDir, FreePorts.next(), FreePorts.next(), true, Tuning.STARTUP);
    }

    /**
     * Starts a broker on the given ports. With {@code fresh} false, existing data under
     * {@code dataDir} is kept (formatted only the first time), as the local stack wants.
     */
    public static KafkaBroker start(Path dataDir, int port, int controllerPort, boolean fresh, Tuning tuning) {
        try {
            Path lib = KafkaLib.locate();
            if (fresh) {
                deleteRecursively(dataDir);
            }
            Files.createDirectories(dataDir);
            Path logs = dataDir.resolve("logs");
            Path config = dataDir.resolve("server.properties");
            Files.writeString(config, serverProperties(dataDir.resolve("data"), port, controllerPort));
            if (!Files.exists(dataDir.resolve("data").resolve("meta.properties"))) {
                run(lib, logs, List.of("kafka.tools.StorageTool", "format", "-t", UUID.randomUUID().toString(),
                        "-c", config.toString()), dataDir.resolve("format.log"));
            }
            Process process = java(lib, logs, tuning, List.of("kafka.Kafka", config.toString()))
                    .redirectOutput(dataDir.resolve("stdout.log").toFile())
                    .redirectErrorStream(true)
                    .start();
            KafkaBroker broker = new KafkaBroker(dataDir, port, process);
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-stop"));
            broker.awaitReady();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker in " + dataDir, e);
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Creates the topics that do not exist yet. */
    public void createTopics(Collection<String> topics, int partitions) {
        createTopics(bootstrapServers(), topics, partitions);
    }

    /** Creates the topics that do not exist yet on any cluster. */
    public static void createTopics(String bootstrapServers, Collection<String> topics, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (String topic : topics) {
                try {
                    NewTopic created = new NewTopic(topic, partitions, (short) 1);
                    if (Topics.compacted(topic)) {
                        created.configs(Map.of("cleanup.policy", "compact"));
                    }
                    admin.createTopics(List.of(created)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic, e.getCause());
                    }
                }
            }
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000))) {
            Awaitility.await("Kafka broker ready (log: " + dataDir.resolve("logs") + ")")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the broker exited; see " + dataDir.resolve("stdout.log"));
                        }
                        return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
                    });
        }
    }

    private static String serverProperties(Path data, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", data.toString());
        p.put("num.partitions", "3");
        // A single node: every internal topic must fit on one replica or clients hang.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("offsets.topic.num.partitions", "5");
        // Projections that are built from consumed events are rebuilt by replaying topics from the start.
        p.put("log.retention.ms", "-1");
        StringBuilder out = new StringBuilder();
        p.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return out.toString();
    }

    /** Runs a short Kafka tool (the storage format) to its end. */
    private static void run(Path lib, Path logs, List<String> args, Path log) throws IOException {
        Process process = java(lib, logs, Tuning.STARTUP, args).redirectOutput(log.toFile()).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("Kafka storage format failed; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ProcessBuilder java(Path lib, Path logs, Tuning tuning, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(tuning.jvmOptions);
        command.addAll(List.of(
                "-Dkafka.logs.dir=" + logs,
                "-Dlog4j2.configurationFile=" + lib.resolve("log4j2.properties").toUri(),
                "-cp", lib.toAbsolutePath() + "/*"));
        command.addAll(args);
        return new ProcessBuilder(command);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
