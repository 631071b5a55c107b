package dev.tocsin.notifier.channel;

import dev.tocsin.notifier.NotifierConfig;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * The HTTP client of one provider: its own connection pool, so a slow provider fills only its own
 * connections and never another provider's ({@link NotifierConfig#providerConnections()} per host).
 */
public final class ProviderClients {

    private ProviderClients() {
    }

    public static WebClient create(Vertx vertx, NotifierConfig config) {
        return WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.sendTimeout().toMillis())
                .setMaxPoolSize(config.providerConnections())
                .setUserAgent("tocsin-notifier"));
    }
}
