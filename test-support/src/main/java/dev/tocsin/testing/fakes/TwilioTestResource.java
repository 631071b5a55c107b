package dev.tocsin.testing.fakes;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points notifier-service's SMS and voice at one fake Twilio account per test JVM. */
public class TwilioTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    public static final String AUTH_TOKEN = "test-twilio-auth-token-0123456789";
    public static final String NUMBER = "+15005550006";
    private static TwilioFake server;

    /** The fake the service under test sends to. */
    public static synchronized TwilioFake server() {
        if (server == null) {
            server = TwilioFake.start(ACCOUNT_SID, AUTH_TOKEN, NUMBER);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "twilio-stop"));
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("tocsin.notifier.twilio.api-url", server().url(), "tocsin.notifier.twilio.account-sid", ACCOUNT_SID,
                "tocsin.notifier.twilio.auth-token", AUTH_TOKEN, "tocsin.notifier.twilio.from", NUMBER);
    }

    @Override
    public void stop() {
        // Shared for the whole JVM.
    }
}
