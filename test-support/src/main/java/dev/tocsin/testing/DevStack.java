package dev.tocsin.testing;

import dev.tocsin.testing.fakes.FcmFake;
import dev.tocsin.testing.fakes.NtfyFake;
import dev.tocsin.testing.fakes.TwilioFake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * The infrastructure of the local stack that {@code ./tocsin up} starts: a Kafka broker, embedded
 * PostgreSQL, an SMTP server that writes every message it receives to {@code <state>/mail/} as
 * an {@code .eml} file ({@link MailFolder}), and local fakes of Twilio, ntfy and FCM ({@link #phoneFakes}).
 * Each is skipped when the environment names an existing one ({@code KAFKA_BOOTSTRAP_SERVERS},
 * {@code PG_URL}, {@code SMTP_HOST}, {@code TOCSIN_TWILIO_ACCOUNT_SID}, {@code TOCSIN_NTFY_SERVERS}, {@code TOCSIN_FCM_SERVICE_ACCOUNT}). Data is kept between runs.
 * Writes {@code <state>/infra.env} (shell-sourceable addresses), prints {@code ready}, and runs
 * until terminated.
 *
 * <pre>java -cp 'test-support/target/test-support-*.jar:test-support/target/lib/*' dev.tocsin.testing.DevStack .tocsin</pre>
 */
public final class DevStack {

    /** The local Twilio's account and number: Twilio's own test values, which no real message goes out from. */
    static final String LOCAL_TWILIO_ACCOUNT = "AC00000000000000000000000000000001";
    static final String LOCAL_TWILIO_NUMBER = "+15005550006";

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

        env.addAll(phoneFakes(state));

        Path envFile = state.resolve("infra.env");
        Files.write(envFile, env);
        Files.setPosixFilePermissions(envFile, PosixFilePermissions.fromString("rw-------"));
        System.out.println("ready");
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /**
     * The local Twilio, ntfy and FCM, unless the environment names real ones ({@code
     * TOCSIN_TWILIO_ACCOUNT_SID}, {@code TOCSIN_NTFY_SERVERS}, {@code TOCSIN_FCM_SERVICE_ACCOUNT}):
     * every SMS, call and push they take
     * is also written as a line to {@code <state>/phone.log}, where {@code ./tocsin demo} shows it.
     */
    private static List<String> phoneFakes(Path state) {
        List<String> env = new ArrayList<>();
        TwilioFake twilio = null;
        NtfyFake ntfy = null;
        if (orDefault("TOCSIN_TWILIO_ACCOUNT_SID", "").isEmpty()) {
            String token = UUID.randomUUID().toString().replace("-", "");
            twilio = TwilioFake.start(port("TOCSIN_TWILIO_FAKE_PORT", 18090), LOCAL_TWILIO_ACCOUNT, token,
                    LOCAL_TWILIO_NUMBER);
            env.addAll(List.of("TOCSIN_TWILIO_ACCOUNT_SID=" + LOCAL_TWILIO_ACCOUNT, "TOCSIN_TWILIO_AUTH_TOKEN=" + token,
                    "TOCSIN_TWILIO_FROM=" + LOCAL_TWILIO_NUMBER, "TOCSIN_TWILIO_API_URL=" + twilio.url()));
        }
        if (orDefault("TOCSIN_NTFY_SERVERS", "").isEmpty()) {
            ntfy = NtfyFake.start(port("TOCSIN_NTFY_FAKE_PORT", 18091), null);
            env.add("TOCSIN_NTFY_SERVERS=" + ntfy.url());
        }
        FcmFake fcm = null;
        if (orDefault("TOCSIN_FCM_SERVICE_ACCOUNT", "").isEmpty()) {
            fcm = FcmFake.start(port("TOCSIN_FCM_FAKE_PORT", 18092), "tocsin-local");
            env.addAll(List.of("TOCSIN_FCM_SERVICE_ACCOUNT=" + fcm.writeServiceAccount(
                    state.resolve("fcm-service-account.json").toAbsolutePath()), "TOCSIN_FCM_API_URL=" + fcm.url()));
        }
        Path log = state.resolve("phone.log");
        if (twilio != null) {
            twilio.onTaken(taken -> logPhone(log, taken.resource().equals("Messages")
                    ? "SMS to " + taken.to() + ": " + taken.body()
                    : "call to " + taken.to() + " (TwiML from " + taken.params().get("Url") + ")"));
        }
        if (ntfy != null) {
            ntfy.onPublished(push -> logPhone(log, "push to " + push.path("topic").asText() + ": "
                    + push.path("title").asText()));
        }
        if (fcm != null) {
            fcm.onSent(push -> logPhone(log, "FCM push to " + push.path("token").asText() + ": "
                    + push.path("notification").path("title").asText()));
        }
        return env;
    }

    /** Appends one line for what a fake took, as it takes it. */
    private static synchronized void logPhone(Path log, String line) {
        try {
            Files.writeString(log, Instant.now() + " " + line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("cannot write " + log + ": " + e);
        }
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
