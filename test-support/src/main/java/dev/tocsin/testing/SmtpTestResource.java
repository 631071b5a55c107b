package dev.tocsin.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points Quarkus Mailer at one real SMTP server per test JVM; tests read it with {@link #server()}. */
public class SmtpTestResource implements QuarkusTestResourceLifecycleManager {

    private static SmtpServer server;

    /** The SMTP server the service under test sends to. */
    public static synchronized SmtpServer server() {
        if (server == null) {
            server = SmtpServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "smtp-stop"));
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        SmtpServer smtp = server();
        return Map.of(
                "quarkus.mailer.host", smtp.host(),
                "quarkus.mailer.port", String.valueOf(smtp.port()),
                "quarkus.mailer.from", "tocsin@localhost",
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.tls", "false",
                "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public void stop() {
        // Shared for the whole JVM.
    }
}
