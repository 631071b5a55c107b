package dev.tocsin.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A team's own HTTP SMS gateway, as notifier-service's {@code http} SMS provider expects one: it
 * takes {@code POST /} with {@code Authorization: Bearer <token>} (401 without it, 403 with
 * another) and a JSON body of {@code to} (E.164), {@code text} (1 to 1,600 characters) and
 * {@code id} (400 naming what is wrong), and answers {@code 202}. It plays the sending side of a
 * reply too: posts {@code {"from", "text"}} to the webhook, signed with the shared secret as
 * {@code X-Tocsin-Timestamp} and {@code X-Tocsin-Signature: sha256=<hex HMAC of "<ts>.<body>">}.
 */
public final class SmsGatewayFake implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    /** One message the gateway took. */
    public record Sent(String to, String text, String id) {
    }

    private volatile HttpServer server;
    private final String token;
    private final String secret;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();

    private SmsGatewayFake(String token, String secret) {
        this.token = token;
        this.secret = secret;
    }

    public static SmsGatewayFake start(String token, String secret) {
        SmsGatewayFake fake = new SmsGatewayFake(token, secret);
        fake.server = FakeHttp.start(0, "SMS gateway", fake::handle);
        return fake;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public List<Sent> sentTo(String to) {
        return sent.stream().filter(m -> m.to().equals(to)).toList();
    }

    /** The next {@code times} messages are answered 503, as a gateway whose modem is down. */
    public void failNext(int times) {
        failures.set(times);
    }

    /** Posts a reply from {@code from} to the webhook, signed now; returns the status and the body. */
    public String[] reply(String webhook, String from, String text) {
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        return replySignedAs(webhook, from, text, timestamp, signature(secret, timestamp, body(from, text)));
    }

    /** The same reply with a timestamp and signature of the caller's choosing (null: the header is left out). */
    public String[] replySignedAs(String webhook, String from, String text, String timestamp, String signature) {
        Map<String, String> headers = new HashMap<>();
        headers.put("X-Tocsin-Timestamp", timestamp);
        headers.put("X-Tocsin-Signature", signature);
        return FakeHttp.post(webhook, "application/json", body(from, text), headers);
    }

    public static String body(String from, String text) {
        return JSON.createObjectNode().put("from", from).put("text", text).toString();
    }

    public static String signature(String secret, String timestamp, String body) {
        return "sha256=" + HexFormat.of().formatHex(FakeHttp.hmac("HmacSHA256", secret, timestamp + "." + body));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null) {
                FakeHttp.answer(exchange, 401, "{\"error\":\"unauthorized\"}");
                return;
            }
            if (!authorization.equals("Bearer " + token)) {
                FakeHttp.answer(exchange, 403, "{\"error\":\"forbidden\"}");
                return;
            }
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                FakeHttp.answer(exchange, 503, "{\"error\":\"modem unavailable\"}");
                return;
            }
            JsonNode message;
            try {
                message = JSON.readTree(body);
            } catch (IOException e) {
                FakeHttp.answer(exchange, 400, "{\"error\":\"body is not JSON\"}");
                return;
            }
            String to = message.path("to").asText("");
            String text = message.path("text").asText("");
            String id = message.path("id").asText("");
            String problem = !E164.matcher(to).matches() ? "to must be an E.164 number"
                    : text.isEmpty() || text.length() > 1600 ? "text must be 1 to 1600 characters"
                    : id.isBlank() ? "id is required" : null;
            if (problem != null) {
                FakeHttp.answer(exchange, 400, JSON.createObjectNode().put("error", problem).toString());
                return;
            }
            sent.add(new Sent(to, text, id));
            FakeHttp.answer(exchange, 202, "{\"queued\":true}");
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
