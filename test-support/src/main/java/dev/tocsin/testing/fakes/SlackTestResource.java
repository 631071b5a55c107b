package dev.tocsin.testing.fakes;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points notifier-service's Slack channel at one fake Slack per test JVM. */
public class SlackTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String BOT_TOKEN = "xoxb-test-0000000000-bot-token";
    public static final String SIGNING_SECRET = "test-slack-signing-secret";
    private static SlackFake server;

    public static synchronized SlackFake server() {
        if (server == null) {
            server = SlackFake.start(BOT_TOKEN, SIGNING_SECRET);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "slack-stop"));
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("tocsin.notifier.slack.api-url", server().url(), "tocsin.notifier.slack.bot-token", BOT_TOKEN,
                "tocsin.notifier.slack.signing-secret", SIGNING_SECRET);
    }

    @Override
    public void stop() {
        // Shared for the whole JVM.
    }
}
