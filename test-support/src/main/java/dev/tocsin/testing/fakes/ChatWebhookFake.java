package dev.tocsin.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Incoming webhooks of Mattermost ({@code POST /hooks/<id>}) and of Microsoft Teams Workflows
 * ({@code POST /workflows/<id>}), checked as the two check what they are posted. Mattermost needs a
 * JSON {@code text} of at most 16,383 characters (400 "Unable to parse incoming data" otherwise)
 * and answers 200 {@code ok}. Teams needs a {@code message} whose one attachment is an Adaptive
 * Card ({@code contentType application/vnd.microsoft.card.adaptive}, {@code type AdaptiveCard}, a
 * {@code version}, a non-empty {@code body}, and {@code Action.OpenUrl} actions with a title and
 * an http(s) URL) and answers 202.
 */
public final class ChatWebhookFake implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One message a webhook took, by the path it was posted to. */
    public record Posted(String path, JsonNode message) {
    }

    private final HttpServer server;
    private final List<Posted> posted = new CopyOnWriteArrayList<>();

    private ChatWebhookFake() {
        this.server = FakeHttp.start(0, "chat webhooks", this::handle);
    }

    public static ChatWebhookFake start() {
        return new ChatWebhookFake();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<JsonNode> postedTo(String path) {
        return posted.stream().filter(p -> p.path().equals(path)).map(Posted::message).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            JsonNode message;
            try {
                message = JSON.readTree(exchange.getRequestBody().readAllBytes());
            } catch (IOException e) {
                message = null;
            }
            if (path.startsWith("/hooks/")) {
                String text = message == null ? "" : message.path("text").asText("");
                if (text.isBlank() || text.length() > 16_383) {
                    FakeHttp.answer(exchange, 400, "{\"id\":\"web.incoming_webhook.parse.app_error\","
                            + "\"message\":\"Unable to parse incoming data\",\"status_code\":400}");
                    return;
                }
            } else if (path.startsWith("/workflows/")) {
                if (message == null || !validTeams(message)) {
                    FakeHttp.answer(exchange, 400, "{\"error\":{\"code\":\"InvalidRequestContent\","
                            + "\"message\":\"The request content is not an Adaptive Card message.\"}}");
                    return;
                }
            } else {
                FakeHttp.answer(exchange, 404, "{\"error\":\"no such webhook\"}");
                return;
            }
            posted.add(new Posted(path, message));
            FakeHttp.answer(exchange, path.startsWith("/hooks/") ? 200 : 202, path.startsWith("/hooks/") ? "\"ok\"" : "{}");
        }
    }

    private static boolean validTeams(JsonNode message) {
        JsonNode attachments = message.path("attachments");
        if (!message.path("type").asText().equals("message") || !attachments.isArray() || attachments.size() != 1) {
            return false;
        }
        JsonNode card = attachments.get(0).path("content");
        if (!attachments.get(0).path("contentType").asText().equals("application/vnd.microsoft.card.adaptive")
                || !card.path("type").asText().equals("AdaptiveCard") || card.path("version").asText().isBlank()
                || !card.path("body").isArray() || card.path("body").isEmpty()) {
            return false;
        }
        for (JsonNode action : card.path("actions")) {
            if (!action.path("type").asText().equals("Action.OpenUrl") || action.path("title").asText().isBlank()
                    || !action.path("url").asText().matches("https?://\\S+")) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
