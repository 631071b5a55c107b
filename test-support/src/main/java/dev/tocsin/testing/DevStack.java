package dev.tocsin.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The infrastructure of the local stack that {@code ./tocsin up} starts: a Kafka broker, embedded
 * PostgreSQL and an SMTP server that writes every message it receives to {@code <state>/mail/} as
 * an {@code .eml} file ({@link MailFolder}). Each is skipped when the environment names an existing one
 * ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code PG_URL}, {@code SMTP_HOST}). Data is kept between runs.
 * Writes {@code <state>/infra.env} (shell-sourceable addresses), prints {@code ready}, and runs
 * until terminated.
 *
 * <pre>java -cp 'test-support/target/test-support-*.jar:test-support/target/lib/*' dev.tocsin.testing.DevStack .tocsin</pre>
 */
public final class DevStack {

    private DevStack() {
    }

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args.length > 0 ? args[0] : ".tocsin").toAbsolutePath();
        Files.createDirectories(state);
        System.setProperty("java.io.tmpdir", Files.createDirectories(state.resolve("tmp")).toString());
        List<String> env = new ArrayList<>();

        String kafka = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (kafka == null || kafka.isBlank()) {
            kafka = KafkaBroker.start(state.resolve("kafka"), port("TOCSIN_KAFKA_PORT", 19092),
                    port("TOCSIN_KAFKA_CONTROLLER_PORT", 19093), false, KafkaBroker.Tuning.THROUGHPUT).bootstrapServers();
        }
        KafkaBroker.createTopics(kafka, Infrastructure.allTopics(), 3);
        env.add("KAFKA_BOOTSTRAP_SERVERS=" + kafka);

        String pgUrl = System.getenv("PG_URL");
        Database db = pgUrl == null || pgUrl.isBlank()
                ? Postgres.start(state.resolve("pg"), port("TOCSIN_PG_PORT", 15432), false).database()
                : Database.fromJdbcUrl(pgUrl, orDefault("PG_USER", "postgres"), orDefault("PG_PASSWORD", "postgres"));
        env.addAll(List.of("PG_JDBC_URL=" + db.jdbcUrl(), "PG_REACTIVE_URL=" + db.reactiveUrl(),
                "PG_USER=" + db.username(), "PG_PASSWORD=" + db.password()));

        String smtpHost = System.getenv("SMTP_HOST");
        Thread mailWriter = null;
        if (smtpHost == null || smtpHost.isBlank()) {
            SmtpServer smtp = SmtpServer.start(port("TOCSIN_SMTP_PORT", 2525));
            Runtime.getRuntime().addShutdownHook(new Thread(smtp::close, "smtp-stop"));
            Path mailDir = Files.createDirectories(state.resolve("mail"));
            mailWriter = new Thread(() -> writeMail(smtp, mailDir), "mail-writer");
            env.addAll(List.of("SMTP_HOST=" + smtp.host(), "SMTP_PORT=" + smtp.port(), "TOCSIN_MAIL_DIR=" + state.resolve("mail")));
        } else {
            env.addAll(List.of("SMTP_HOST=" + smtpHost, "SMTP_PORT=" + orDefault("SMTP_PORT", "25")));
        }
        if (mailWriter != null) {
            mailWriter.setDaemon(true);
            mailWriter.start();
        }

        Path envFile = state.resolve("infra.env");
        Files.write(envFile, env);
        Files.setPosixFilePermissions(envFile, PosixFilePermissions.fromString("rw-------"));
        System.out.println("ready");
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /** Keeps each received message in {@code dir}; polls because GreenMail has no listener. */
    private static void writeMail(SmtpServer smtp, Path dir) {
        MailFolder folder = new MailFolder(smtp, dir);
        while (!Thread.currentThread().isInterrupted()) {
            folder.keepNew();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static int port(String env, int fallback) {
        return Integer.parseInt(orDefault(env, String.valueOf(fallback)));
    }

    private static String orDefault(String env, String fallback) {
        String value = System.getenv(env);
        return value == null || value.isBlank() ? fallback : value;
    }
}
