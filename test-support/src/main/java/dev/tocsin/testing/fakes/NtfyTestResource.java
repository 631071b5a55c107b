package dev.tocsin.testing.fakes;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points notifier-service's push channel at one fake ntfy server per test JVM, with an access token. */
public class NtfyTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "tk_testtokentesttokentesttoken1";
    private static NtfyFake server;

    /** The fake the service under test publishes to. */
    public static synchronized NtfyFake server() {
        if (server == null) {
            server = NtfyFake.start(TOKEN);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ntfy-stop"));
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("tocsin.notifier.ntfy.servers", server().url(), "tocsin.notifier.ntfy.token", TOKEN);
    }

    @Override
    public void stop() {
        // Shared for the whole JVM.
    }
}
