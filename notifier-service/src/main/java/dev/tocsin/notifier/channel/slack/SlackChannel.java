package dev.tocsin.notifier.channel.slack;

import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.NotifierConfig;
import dev.tocsin.notifier.action.PageAction;
import dev.tocsin.notifier.channel.Attempt;
import dev.tocsin.notifier.channel.Notification;
import dev.tocsin.notifier.channel.NotificationChannel;
import dev.tocsin.notifier.channel.ProviderClients;
import dev.tocsin.notifier.channel.SendOutcome;
import dev.tocsin.notifier.channel.email.EmailRenderer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Slack through its Web API's {@code chat.postMessage}, as the Tocsin app's bot: the page's subject
 * and text, and a button per action (acknowledge, resolve, escalate) whose value names the page.
 * A click comes back to {@code SlackWebhooks}, signed by Slack. Slack answers 200 for most
 * failures too, with {@code "ok": false} and an error code: rate limits and Slack's own trouble
 * are tried again, anything else (a channel the bot is not in, a revoked token) will not change.
 */
@ApplicationScoped
public class SlackChannel implements NotificationChannel {

    private static final Set<String> RECOVERABLE = Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout");

    private final WebClient client;
    private final NotifierConfig config;

    SlackChannel(ProviderClients clients, NotifierConfig config) {
        this.config = config;
        this.client = clients.create();
    }

    @Override
    public Channel channel() {
        return Channel.SLACK;
    }

    @Override
    public Uni<SendOutcome> send(Attempt attempt) {
        if (config.slack().botToken().isEmpty()) {
            return Uni.createFrom().item(SendOutcome.permanent("Slack is not configured (TOCSIN_SLACK_BOT_TOKEN)"));
        }
        String api = config.slack().apiUrl().endsWith("/") ? config.slack().apiUrl() : config.slack().apiUrl() + "/";
        return client.postAbs(api + "chat.postMessage").timeout(config.sendTimeout().toMillis())
                .bearerTokenAuthentication(config.slack().botToken().get())
                .sendJsonObject(message(attempt.notification(), attempt.address()))
                .map(SlackChannel::outcome)
                .onFailure().recoverWithItem(e -> SendOutcome.recoverable("Slack unreachable: " + e));
    }

    /** The message: subject and text, and the buttons when there is a page to act on. */
    static JsonObject message(Notification n, String channel) {
        JsonArray blocks = new JsonArray()
                .add(new JsonObject().put("type", "section").put("text", new JsonObject().put("type", "mrkdwn")
                        .put("text", "*" + EmailRenderer.subject(n) + "*\n```" + EmailRenderer.text(n) + "```")));
        if (n.alertId() != null) {
            JsonArray buttons = new JsonArray();
            for (PageAction action : PageAction.values()) {
                buttons.add(new JsonObject().put("type", "button").put("action_id", action.word())
                        .put("text", new JsonObject().put("type", "plain_text").put("text", action.label()))
                        .put("value", n.pageId() + " " + n.alertId()));
            }
            blocks.add(new JsonObject().put("type", "actions").put("elements", buttons));
        }
        return new JsonObject().put("channel", channel).put("text", EmailRenderer.subject(n)).put("blocks", blocks);
    }

    private static SendOutcome outcome(HttpResponse<?> response) {
        if (response.statusCode() == 429 || response.statusCode() / 100 == 5) {
            return SendOutcome.recoverable("Slack answered " + response.statusCode());
        }
        JsonObject body = response.bodyAsJsonObject();
        if (body != null && body.getBoolean("ok", false)) {
            return SendOutcome.sent();
        }
        String error = body == null ? "HTTP " + response.statusCode() : body.getString("error", "unknown");
        return RECOVERABLE.contains(error) ? SendOutcome.recoverable("Slack answered " + error)
                : SendOutcome.permanent("Slack answered " + error);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
