package dev.tocsin.notifier.channel.push;

import dev.tocsin.notifier.NotifierConfig;
import dev.tocsin.notifier.action.ActionLinks;
import dev.tocsin.notifier.action.PageAction;
import dev.tocsin.notifier.channel.Attempt;
import dev.tocsin.notifier.channel.Notification;
import dev.tocsin.notifier.channel.HttpOutcomes;
import dev.tocsin.notifier.channel.ProviderClients;
import dev.tocsin.notifier.channel.SendOutcome;
import dev.tocsin.notifier.channel.email.EmailRenderer;
import dev.tocsin.notifier.contact.PushTopic;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Push through ntfy: one JSON publish ({@code POST /} with {@code topic}, {@code title},
 * {@code message}, {@code priority} and {@code tags}) to the server of the person's topic URL, as
 * urgent (priority 5, which ntfy's apps ring through do-not-disturb for). The bearer token, when
 * configured, authorises protected topics. ntfy answers 429 when rate-limited and 5xx when down:
 * both worth another attempt; any other 4xx (a bad topic, a refused token) will not change.
 */
@ApplicationScoped
class NtfyPush {

    private static final int MAX_MESSAGE = 4096;

    private final WebClient client;
    private final NotifierConfig config;
    private final ActionLinks links;

    NtfyPush(ProviderClients clients, NotifierConfig config, ActionLinks links) {
        this.config = config;
        this.links = links;
        this.client = clients.create();
    }

    Uni<SendOutcome> send(Attempt attempt) {
        Notification notification = attempt.notification();
        String address = attempt.address();
        PushTopic topic = PushTopic.on(address, config.ntfy().servers()).orElse(null);
        if (topic == null) {
            // Checked when it was configured; the allowed servers may have changed since.
            return Uni.createFrom().item(SendOutcome.permanent("push address " + address
                    + " is on no ntfy server this deployment sends to"));
        }
        var request = client.postAbs(topic.server() + "/").timeout(config.sendTimeout().toMillis());
        config.ntfy().token().ifPresent(token -> request.bearerTokenAuthentication(token));
        JsonObject message = attempt.bundle()
                .map(bundle -> publish(topic, bundle.title(), bundle.text(links::links), Map.of()))
                .orElseGet(() -> message(notification, topic, links.links(notification)));
        return request.sendJsonObject(message)
                .map(response -> HttpOutcomes.of("ntfy", response))
                .onFailure().recoverWithItem(e -> SendOutcome.recoverable("ntfy unreachable: " + e));
    }

    /** The publish; each signed link an {@code http} action button, which ntfy's apps POST to. */
    static JsonObject message(Notification notification, PushTopic topic, Map<PageAction, String> actions) {
        return publish(topic, EmailRenderer.subject(notification), EmailRenderer.text(notification), actions);
    }

    private static JsonObject publish(PushTopic topic, String title, String text, Map<PageAction, String> actions) {
        return new JsonObject()
                .put("topic", topic.topic())
                .put("title", title)
                .put("message", text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE - 1) + "…" : text)
                .put("priority", 5)
                .put("tags", new JsonArray().add("rotating_light"))
                .put("actions", buttons(actions));
    }

    private static JsonArray buttons(Map<PageAction, String> actions) {
        JsonArray buttons = new JsonArray();
        actions.forEach((action, url) -> buttons.add(new JsonObject().put("action", "http")
                .put("label", action.label()).put("url", url).put("method", "POST").put("clear", true)));
        return buttons;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
