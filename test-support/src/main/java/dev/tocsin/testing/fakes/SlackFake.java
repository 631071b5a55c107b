package dev.tocsin.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local Slack for tests: the Web API's {@code chat.postMessage}, checked as Slack checks it, and
 * Slack's side of interactivity (a member clicking a button, posted signed to the app's request
 * URL as Slack does).
 *
 * <p>{@code POST /chat.postMessage} needs {@code Authorization: Bearer <bot token>}; Slack answers
 * HTTP 200 either way, with {@code {"ok": false, "error": "not_authed"}} without a token,
 * {@code invalid_auth} with another, {@code channel_not_found} without a channel,
 * {@code no_text} without text or blocks, {@code invalid_blocks} for blocks that are not a list of
 * typed blocks (buttons need an {@code action_id} and a text), and {@code {"ok": true, "ts": …}}
 * when it posted.
 */
public final class SlackFake implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private volatile HttpServer server;
    private final String botToken;
    private final String signingSecret;
    private final List<JsonNode> posted = new CopyOnWriteArrayList<>();

    private SlackFake(String botToken, String signingSecret) {
        this.botToken = botToken;
        this.signingSecret = signingSecret;
    }

    public static SlackFake start(String botToken, String signingSecret) {
        SlackFake fake = new SlackFake(botToken, signingSecret);
        fake.server = FakeHttp.start(0, "Slack", fake::handle);
        return fake;
    }

    /** The Web API's base URL, as {@code tocsin.notifier.slack.api-url} names it. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The messages posted to one channel or member, in arrival order. */
    public List<JsonNode> postedTo(String channel) {
        return FakeHttp.withField(posted, "channel", channel);
    }

    /**
     * A member clicking a button of a message: Slack's {@code block_actions} payload, form-encoded as
     * {@code payload=<json>}, signed with the signing secret ({@code X-Slack-Signature} over
     * {@code v0:<timestamp>:<body>}). Returns the status and the body of the app's answer.
     */
    public String[] click(String requestUrl, String member, JsonNode button) {
        String body = interaction(member, button);
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        return post(requestUrl, body, timestamp, signature(signingSecret, timestamp, body));
    }

    /** The same click, with a timestamp and a signature of the caller's choosing (null: the header is left out). */
    public String[] clickSignedAs(String requestUrl, String member, JsonNode button, String timestamp, String signature) {
        return post(requestUrl, interaction(member, button), timestamp, signature);
    }

    public static String interaction(String member, JsonNode button) {
        ObjectNode payload = JSON.createObjectNode().put("type", "block_actions");
        payload.putObject("user").put("id", member);
        payload.putArray("actions").addObject().put("action_id", button.path("action_id").asText())
                .put("value", button.path("value").asText()).put("type", "button");
        return "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8);
    }

    public static String signature(String secret, String timestamp, String body) {
        return "v0=" + HexFormat.of().formatHex(FakeHttp.hmac("HmacSHA256", secret, "v0:" + timestamp + ":" + body));
    }

    private static String[] post(String url, String body, String timestamp, String signature) {
        Map<String, String> headers = new HashMap<>();
        headers.put("X-Slack-Request-Timestamp", timestamp);
        headers.put("X-Slack-Signature", signature);
        return FakeHttp.post(url, "application/x-www-form-urlencoded", body, headers);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!exchange.getRequestURI().getPath().equals("/chat.postMessage")) {
                FakeHttp.answer(exchange, 404, "{\"ok\":false,\"error\":\"unknown_method\"}");
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null) {
                FakeHttp.answer(exchange, 200, "{\"ok\":false,\"error\":\"not_authed\"}");
                return;
            }
            if (!authorization.equals("Bearer " + botToken)) {
                FakeHttp.answer(exchange, 200, "{\"ok\":false,\"error\":\"invalid_auth\"}");
                return;
            }
            JsonNode message;
            try {
                message = JSON.readTree(body);
            } catch (IOException e) {
                FakeHttp.answer(exchange, 200, "{\"ok\":false,\"error\":\"invalid_json\"}");
                return;
            }
            String error = message.path("channel").asText("").isBlank() ? "channel_not_found"
                    : message.path("text").asText("").isBlank() && !message.has("blocks") ? "no_text"
                    : message.has("blocks") && !validBlocks(message.get("blocks")) ? "invalid_blocks" : null;
            if (error != null) {
                FakeHttp.answer(exchange, 200, "{\"ok\":false,\"error\":\"" + error + "\"}");
                return;
            }
            posted.add(message);
            FakeHttp.answer(exchange, 200, JSON.createObjectNode().put("ok", true).put("channel", message.path("channel").asText())
                    .put("ts", System.currentTimeMillis() / 1000.0 + "").toString());
        }
    }

    private static boolean validBlocks(JsonNode blocks) {
        if (!blocks.isArray() || blocks.size() > 50) {
            return false;
        }
        for (JsonNode block : blocks) {
            String type = block.path("type").asText("");
            if (type.equals("actions")) {
                for (JsonNode element : block.path("elements")) {
                    if (!element.path("type").asText().equals("button") || element.path("action_id").asText().isBlank()
                            || element.path("text").path("text").asText().isBlank()) {
                        return false;
                    }
                }
            } else if (!type.equals("section") || block.path("text").path("text").asText().isBlank()) {
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
