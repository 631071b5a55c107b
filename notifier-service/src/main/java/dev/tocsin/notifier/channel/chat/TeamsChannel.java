package dev.tocsin.notifier.channel.chat;

import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.action.ActionLinks;
import dev.tocsin.notifier.action.PageAction;
import dev.tocsin.notifier.channel.Attempt;
import dev.tocsin.notifier.channel.Notification;
import dev.tocsin.notifier.channel.NotificationChannel;
import dev.tocsin.notifier.channel.SendOutcome;
import dev.tocsin.notifier.channel.email.EmailRenderer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Microsoft Teams through an incoming webhook (a Workflows URL): one message carrying an Adaptive
 * Card with the page's subject and text, and an {@code Action.OpenUrl} per signed link
 * (acknowledge, resolve, escalate), each opening the page that asks before it acts.
 */
@ApplicationScoped
public class TeamsChannel implements NotificationChannel {

    private final ChatWebhooks webhooks;
    private final ActionLinks links;

    TeamsChannel(ChatWebhooks webhooks, ActionLinks links) {
        this.webhooks = webhooks;
        this.links = links;
    }

    @Override
    public Channel channel() {
        return Channel.TEAMS;
    }

    @Override
    public Uni<SendOutcome> send(Attempt attempt) {
        return webhooks.post("Teams", attempt.address(), message(attempt.notification(),
                links.links(attempt.notification())));
    }

    static JsonObject message(Notification n, Map<PageAction, String> actions) {
        JsonArray buttons = new JsonArray();
        actions.forEach((action, url) -> buttons.add(new JsonObject().put("type", "Action.OpenUrl")
                .put("title", action.label()).put("url", url)));
        JsonObject card = new JsonObject().put("type", "AdaptiveCard").put("version", "1.4")
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("body", new JsonArray()
                        .add(new JsonObject().put("type", "TextBlock").put("text", EmailRenderer.subject(n))
                                .put("weight", "Bolder").put("wrap", true))
                        .add(new JsonObject().put("type", "TextBlock").put("text", EmailRenderer.text(n))
                                .put("fontType", "Monospace").put("wrap", true)))
                .put("actions", buttons);
        return new JsonObject().put("type", "message").put("attachments", new JsonArray().add(new JsonObject()
                .put("contentType", "application/vnd.microsoft.card.adaptive").put("content", card)));
    }
}
