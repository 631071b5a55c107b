package dev.tocsin.notifier.channel.chat;

import dev.tocsin.notifier.NotifierConfig;
import dev.tocsin.notifier.channel.HttpOutcomes;
import dev.tocsin.notifier.channel.ProviderClients;
import dev.tocsin.notifier.channel.SendOutcome;
import dev.tocsin.notifier.contact.Addresses;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Posting to a chat's incoming webhook (Teams, Mattermost): one JSON POST to the contact method's
 * URL, which is the credential, checked against the allowed prefixes when it was configured and
 * again before every post. 2xx took it; 429 and 5xx are tried again; other 4xx are final.
 */
@ApplicationScoped
public class ChatWebhooks {

    private final WebClient client;
    private final NotifierConfig config;

    ChatWebhooks(ProviderClients clients, NotifierConfig config) {
        this.config = config;
        this.client = clients.create();
    }

    Uni<SendOutcome> post(String provider, String url, JsonObject message) {
        if (!Addresses.underPrefix(url, config.chat().webhookPrefixes().orElse(List.of()))) {
            // Checked when it was configured; the allowed prefixes may have changed since.
            return Uni.createFrom().item(SendOutcome.permanent(provider + " webhook is under no URL this deployment"
                    + " allows any more"));
        }
        return client.postAbs(url).timeout(config.sendTimeout().toMillis()).sendJsonObject(message)
                .map(response -> HttpOutcomes.of(provider, response))
                .onFailure().recoverWithItem(e -> SendOutcome.recoverable(provider + " unreachable: " + e));
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
