package dev.tocsin.notifier.channel.twilio;

import dev.tocsin.notifier.NotifierConfig;
import dev.tocsin.notifier.channel.HttpOutcomes;
import dev.tocsin.notifier.channel.ProviderClients;
import dev.tocsin.notifier.channel.SendOutcome;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Twilio's REST API, the two calls Tocsin makes: create a message ({@code Messages.json}) and
 * create a call ({@code Calls.json}), each a form-encoded POST with the account's SID and auth
 * token as basic auth. Vert.x's non-blocking client, like every provider call. Twilio answers 201
 * when it took the request; 429 (too many requests) and 5xx are worth another attempt, any other
 * 4xx (an invalid number, a refused account) will not change.
 */
@ApplicationScoped
public class TwilioClient {

    private final WebClient client;
    private final NotifierConfig config;

    TwilioClient(ProviderClients clients, NotifierConfig config) {
        this.config = config;
        this.client = clients.create();
    }

    /** Why Twilio cannot be used, or null when the account, its token and a sending number are configured. */
    public String unconfigured() {
        NotifierConfig.Twilio twilio = config.twilio();
        if (twilio.accountSid().isEmpty() || twilio.authToken().isEmpty() || twilio.from().isEmpty()) {
            return "Twilio is not configured (TOCSIN_TWILIO_ACCOUNT_SID, TOCSIN_TWILIO_AUTH_TOKEN, TOCSIN_TWILIO_FROM)";
        }
        return null;
    }

    /** Creates a resource of the account ({@code Messages}, {@code Calls}) with these parameters. */
    public Uni<SendOutcome> create(String resource, Map<String, String> params) {
        String unconfigured = unconfigured();
        if (unconfigured != null) {
            return Uni.createFrom().item(SendOutcome.permanent(unconfigured));
        }
        NotifierConfig.Twilio twilio = config.twilio();
        String sid = twilio.accountSid().get();
        MultiMap form = MultiMap.caseInsensitiveMultiMap();
        form.add("From", twilio.from().get());
        params.forEach(form::add);
        String base = twilio.apiUrl().endsWith("/") ? twilio.apiUrl().substring(0, twilio.apiUrl().length() - 1)
                : twilio.apiUrl();
        return client.postAbs(base + "/2010-04-01/Accounts/" + sid + "/" + resource + ".json")
                .timeout(config.sendTimeout().toMillis())
                .basicAuthentication(sid, twilio.authToken().get())
                .sendForm(form)
                .map(response -> HttpOutcomes.of("Twilio", response))
                .onFailure().recoverWithItem(e -> SendOutcome.recoverable("Twilio unreachable: " + e));
    }


    @PreDestroy
    void close() {
        client.close();
    }
}
