package dev.tocsin.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A local ntfy server for tests and the local stack: takes JSON publishes ({@code POST /}) and
 * checks them as ntfy does. A topic must be 1-64 letters, digits, {@code -} or {@code _}; a
 * priority 1 to 5; a message at most 4,096 bytes; and, when the server was started with an access
 * token, {@code Authorization: Bearer <token>} (401 without one, 403 with another); at most three
 * action buttons, each a view, broadcast or http action with a label and a URL. Errors are
 * ntfy's JSON ({@code {"code":40009,"http":400,"error":"invalid topic"}}). A test can make the next
 * publishes fail, as a server that is down or rate-limiting would.
 */
public final class NtfyFake implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOPIC = Pattern.compile("[-_A-Za-z0-9]{1,64}");
    private static final int MAX_MESSAGE = 4096;

    private volatile HttpServer server;
    private final String token;
    private final List<JsonNode> published = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private volatile Consumer<JsonNode> listener = message -> { };
    private final List<ObjectNode> cached = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile int failWith;

    private NtfyFake(String token) {
        this.token = token;
    }

    /** Starts on a free port of the loopback interface; {@code token} may be null for open topics. */
    public static NtfyFake start(String token) {
        return start(0, token);
    }

    /** Starts on {@code port} of the loopback interface (0: a free one). */
    public static NtfyFake start(int port, String token) {
        NtfyFake fake = new NtfyFake(token);
        fake.server = FakeHttp.start(port, "ntfy server", fake::handle);
        return fake;
    }

    /** The base URL, as {@code tocsin.notifier.ntfy.servers} names it. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every accepted publish, in arrival order. */
    public List<JsonNode> published() {
        return List.copyOf(published);
    }

    /** The accepted publishes to one topic. */
    public List<JsonNode> publishedTo(String topic) {
        return FakeHttp.withField(published, "topic", topic);
    }

    /** Hands every publish taken from now on to {@code listener}, as it is taken. */
    public void onPublished(Consumer<JsonNode> listener) {
        this.listener = listener;
    }

    /** Why each refused publish was refused, in arrival order. */
    public List<String> refused() {
        return List.copyOf(refused);
    }

    /** The next {@code times} publishes are answered {@code status} (500: down, 429: rate-limited). */
    public void failNext(int times, int status) {
        failWith = status;
        failures.set(times);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestMethod().equals("GET")) {
                poll(exchange);
                return;
            }
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                FakeHttp.answer(exchange, failWith, error(failWith, failWith == 429 ? 42901 : 50001,
                        failWith == 429 ? "limit reached: too many requests" : "internal server error"));
                return;
            }
            String problem = check(exchange, body);
            if (problem != null) {
                return;
            }
            ObjectNode message = (ObjectNode) JSON.readTree(body);
            published.add(message);
            listener.accept(message);
            ObjectNode answer = message.deepCopy();
            answer.put("id", UUID.randomUUID().toString().substring(0, 12)).put("time", System.currentTimeMillis() / 1000)
                    .put("event", "message");
            cached.add(answer);
            FakeHttp.answer(exchange, 200, answer.toString());
        }
    }

    /**
     * ntfy's poll of a topic's cached messages, {@code GET /<topic>/json?poll=1}: one JSON message
     * per line, oldest first, as a subscriber's app fetches them (the access token when the server has one).
     */
    private void poll(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        if (parts.length != 3 || !parts[2].equals("json") || !TOPIC.matcher(parts[1]).matches()) {
            refuse(exchange, 404, 40401, "only polling /<topic>/json is served here");
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (token != null && !("Bearer " + token).equals(authorization)) {
            refuse(exchange, authorization == null ? 401 : 403, authorization == null ? 40101 : 40301,
                    authorization == null ? "unauthorized" : "forbidden");
            return;
        }
        StringBuilder lines = new StringBuilder();
        cached.stream().filter(m -> m.path("topic").asText().equals(parts[1]))
                .forEach(m -> lines.append(m).append('\n'));
        FakeHttp.answer(exchange, 200, lines.toString());
    }

    /** Answers the refusal and returns why, or returns null when the publish is one ntfy takes. */
    private String check(HttpExchange exchange, byte[] body) throws IOException {
        if (!exchange.getRequestMethod().equals("POST") && !exchange.getRequestMethod().equals("PUT")) {
            return refuse(exchange, 405, 40501, "method not allowed");
        }
        if (!exchange.getRequestURI().getPath().equals("/")) {
            return refuse(exchange, 404, 40401, "only JSON publishing to / is served here");
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (token != null && authorization == null) {
            return refuse(exchange, 401, 40101, "unauthorized");
        }
        if (token != null && !authorization.equals("Bearer " + token)) {
            return refuse(exchange, 403, 40301, "forbidden");
        }
        JsonNode message;
        try {
            message = JSON.readTree(body);
        } catch (IOException e) {
            return refuse(exchange, 400, 40017, "invalid request: request body must be message JSON");
        }
        if (message == null || !message.isObject()) {
            return refuse(exchange, 400, 40017, "invalid request: request body must be message JSON");
        }
        if (!TOPIC.matcher(message.path("topic").asText("")).matches()) {
            return refuse(exchange, 400, 40009, "invalid topic");
        }
        JsonNode priority = message.get("priority");
        if (priority != null && (!priority.isInt() || priority.intValue() < 1 || priority.intValue() > 5)) {
            return refuse(exchange, 400, 40007, "invalid priority");
        }
        if (message.path("message").asText("").getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE) {
            return refuse(exchange, 413, 41301, "message too large");
        }
        JsonNode actions = message.get("actions");
        if (actions != null && !validActions(actions)) {
            return refuse(exchange, 400, 40018, "invalid request: actions invalid");
        }
        JsonNode tags = message.get("tags");
        if (tags != null && (!tags.isArray() || !allText(tags))) {
            return refuse(exchange, 400, 40017, "invalid request: tags must be a list of strings");
        }
        return null;
    }

    /** At most three, each a view, broadcast or http action with a label, and a URL for view and http. */
    private static boolean validActions(JsonNode actions) {
        if (!actions.isArray() || actions.size() > 3) {
            return false;
        }
        for (JsonNode action : actions) {
            String kind = action.path("action").asText("");
            if (!List.of("view", "broadcast", "http").contains(kind) || action.path("label").asText("").isBlank()) {
                return false;
            }
            String url = action.path("url").asText("");
            if (!kind.equals("broadcast") && !(url.startsWith("http://") || url.startsWith("https://"))) {
                return false;
            }
        }
        return true;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private String refuse(HttpExchange exchange, int status, int code, String error) throws IOException {
        refused.add(status + " " + error);
        FakeHttp.answer(exchange, status, error(status, code, error));
        return error;
    }

    private static String error(int status, int code, String error) {
        return JSON.createObjectNode().put("code", code).put("http", status).put("error", error).toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
