package dev.tocsin.smoke;

import dev.tocsin.testing.Database;
import dev.tocsin.testing.FreePorts;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.SmtpServer;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * The whole of Tocsin as real processes: one Kafka broker, one PostgreSQL, one SMTP server in this
 * JVM, and the four packaged services, each a {@code java -jar} of its own on a free port, with the
 * demo configuration applied exactly as {@code ./tocsin up} applies it. Closing it fails on any
 * ERROR line a service logged and on any email no test claimed.
 */
final class Stack implements AutoCloseable {

    static final List<String> SERVICES = List.of("alert-ingest", "escalation-service", "incident-service",
            "notifier-service");
    private static final Map<String, String> DEMO_SERVICE = Map.of("ingest", "alert-ingest",
            "escalation", "escalation-service", "notifier", "notifier-service", "incident", "incident-service");

    final String adminToken = UUID.randomUUID().toString();
    final SmtpServer smtp = SmtpServer.start();
    private final Path root = Path.of(System.getProperty("tocsin.root", "..")).toAbsolutePath().normalize();
    private final Path logs = Path.of("target/smoke-logs").toAbsolutePath();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final List<MimeMessage> claimed = new ArrayList<>();

    Stack() throws IOException {
        Files.createDirectories(logs);
        Database db = Infrastructure.database();
        String kafka = Infrastructure.kafkaBootstrapServers();
        for (String service : SERVICES) {
            Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: package the services first (./mvnw package)");
            }
            int port = FreePorts.next();
            ports.put(service, port);
            ProcessBuilder builder = new ProcessBuilder(javaBin(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC", "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(logs.resolve(service + ".log").toFile());
            builder.environment().putAll(Map.of(
                    "QUARKUS_HTTP_PORT", String.valueOf(port),
                    "KAFKA_BOOTSTRAP_SERVERS", kafka,
                    "PG_JDBC_URL", db.jdbcUrl(),
                    "PG_REACTIVE_URL", db.reactiveUrl(),
                    "PG_USER", db.username(),
                    "PG_PASSWORD", db.password(),
                    "SMTP_HOST", smtp.host(),
                    "SMTP_PORT", String.valueOf(smtp.port()),
                    "TOCSIN_ADMIN_TOKEN", adminToken));
            processes.put(service, builder.start());
        }
        for (String service : SERVICES) {
            Awaitility.await(service + " ready (log: " + logs.resolve(service + ".log") + ")")
                    .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> {
                        if (!processes.get(service).isAlive()) {
                            throw new IllegalStateException(service + " exited");
                        }
                        return Http.get(url(service) + "/q/health/ready").status() == 200;
                    });
        }
        applyDemoConfiguration();
    }

    String url(String service) {
        return "http://localhost:" + ports.get(service);
    }

    /** Marks emails as expected by a test; any email left unclaimed fails the run at close. */
    void claim(List<MimeMessage> messages) {
        claimed.addAll(messages);
    }

    private void applyDemoConfiguration() throws IOException {
        for (String line : Files.readAllLines(root.resolve("demo/config.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            Http.Response response = Http.send(f[1], url(DEMO_SERVICE.get(f[0])) + f[2], adminToken,
                    Files.readString(root.resolve("demo").resolve(f[3])));
            if (response.status() / 100 != 2) {
                throw new IllegalStateException("demo config " + line + " answered " + response);
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (Process process : processes.values()) {
            process.destroy();
        }
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        smtp.close();
        List<String> errors = new ArrayList<>();
        for (String service : SERVICES) {
            try (Stream<String> lines = Files.lines(logs.resolve(service + ".log"))) {
                lines.filter(l -> l.matches("^\\S+ \\S+ ERROR .*")).forEach(l -> errors.add(service + ": " + l));
            }
        }
        List<MimeMessage> unexpected = new ArrayList<>(smtp.receivedMessages());
        unexpected.removeAll(claimed);
        if (!errors.isEmpty() || !unexpected.isEmpty()) {
            throw new AssertionError("the stack logged errors " + errors + " or sent " + unexpected.size()
                    + " email(s) no test expected");
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

}
