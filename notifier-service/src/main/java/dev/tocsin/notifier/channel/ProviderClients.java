package dev.tocsin.notifier.channel;

import dev.tocsin.eventing.EventingConfig;
import dev.tocsin.notifier.NotifierConfig;
import dev.tocsin.notifier.engine.DeliveryAttempts;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Builds each provider's HTTP client: its own connection pool, so a slow provider fills only its
 * own connections and never another provider's. A pool holds as many connections per host as the
 * engine has delivery workers ({@link NotifierConfig#providerConnections()} overrides it), so no
 * attempt waits inside the client for another's connection.
 */
@ApplicationScoped
public class ProviderClients {

    private final Vertx vertx;
    private final NotifierConfig config;
    private final int connections;

    ProviderClients(Vertx vertx, NotifierConfig config, EventingConfig eventing) {
        this.vertx = vertx;
        this.config = config;
        this.connections = config.providerConnections().orElse(eventing.engine().workersOf(DeliveryAttempts.KIND));
    }

    /** A new client with a pool of its own, for one provider. */
    public WebClient create() {
        return WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.sendTimeout().toMillis())
                .setMaxPoolSize(connections)
                .setUserAgent("tocsin-notifier"));
    }
}
