package dev.tocsin.notifier.channel.sms;

import dev.tocsin.notifier.NotifierConfig;
import dev.tocsin.notifier.channel.HttpOutcomes;
import dev.tocsin.notifier.channel.ProviderClients;
import dev.tocsin.notifier.channel.SendOutcome;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * SMS through an HTTP gateway of the team's own (a modem, a self-hosted gateway app, a vendor
 * Tocsin has no adapter for behind a few lines of glue): each message is one JSON {@code POST} of
 * {@code to} (E.164), {@code text} and {@code id} (the delivery, the same on every retry, so the
 * gateway can drop a repeat) with the configured bearer token. 2xx took it; 429 and 5xx are tried
 * again; any other 4xx is final. Replies come back signed to {@code POST /webhooks/sms}.
 */
@ApplicationScoped
public class HttpSmsGateway implements SmsGateway {

    private final WebClient client;
    private final NotifierConfig config;

    HttpSmsGateway(ProviderClients clients, NotifierConfig config) {
        this.config = config;
        this.client = clients.create();
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public String unconfigured() {
        return config.sms().http().url().isEmpty() ? "the SMS gateway is not configured (TOCSIN_SMS_GATEWAY_URL)" : null;
    }

    @Override
    public Uni<SendOutcome> send(String to, String text, String deliveryId) {
        String unconfigured = unconfigured();
        if (unconfigured != null) {
            return Uni.createFrom().item(SendOutcome.permanent(unconfigured));
        }
        var request = client.postAbs(config.sms().http().url().get()).timeout(config.sendTimeout().toMillis());
        config.sms().http().token().ifPresent(request::bearerTokenAuthentication);
        return request.sendJsonObject(new JsonObject().put("to", to).put("text", text).put("id", deliveryId))
                .map(response -> HttpOutcomes.of("SMS gateway", response))
                .onFailure().recoverWithItem(e -> SendOutcome.recoverable("SMS gateway unreachable: " + e));
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
