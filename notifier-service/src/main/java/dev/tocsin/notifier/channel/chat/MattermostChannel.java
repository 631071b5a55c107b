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
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Mattermost through an incoming webhook: one Markdown message with the page's subject and text,
 * and its signed acknowledge, resolve and escalate links (each opens a page that asks, so a link
 * preview acts on nothing).
 */
@ApplicationScoped
public class MattermostChannel implements NotificationChannel {

    private final ChatWebhooks webhooks;
    private final ActionLinks links;

    MattermostChannel(ChatWebhooks webhooks, ActionLinks links) {
        this.webhooks = webhooks;
        this.links = links;
    }

    @Override
    public Channel channel() {
        return Channel.MATTERMOST;
    }

    @Override
    public Uni<SendOutcome> send(Attempt attempt) {
        return webhooks.post("Mattermost", attempt.address(), message(attempt.notification(),
                links.links(attempt.notification())));
    }

    static JsonObject message(Notification n, Map<PageAction, String> actions) {
        String buttons = actions.entrySet().stream().map(e -> "[" + e.getKey().label() + "](" + e.getValue() + ")")
                .collect(Collectors.joining(" · "));
        return new JsonObject().put("username", "Tocsin").put("text", "#### " + EmailRenderer.subject(n) + "\n```\n"
                + EmailRenderer.text(n) + "\n```" + (buttons.isEmpty() ? "" : "\n" + buttons));
    }
}
