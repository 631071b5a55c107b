package dev.tocsin.testing.fakes;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Points notifier-service's FCM push at one fake FCM per test JVM, with the fake's service account. */
public class FcmTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String PROJECT = "tocsin-test";
    private static FcmFake server;
    private static Path account;

    public static synchronized FcmFake server() {
        if (server == null) {
            server = FcmFake.start(PROJECT);
            try {
                account = server.writeServiceAccount(Files.createTempDirectory("tocsin-fcm").resolve("service-account.json"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "fcm-stop"));
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        FcmFake fake = server();
        return Map.of("tocsin.notifier.fcm.api-url", fake.url(), "tocsin.notifier.fcm.service-account",
                account.toString());
    }

    @Override
    public void stop() {
        // Shared for the whole JVM.
    }
}
