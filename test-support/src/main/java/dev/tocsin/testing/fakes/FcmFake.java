package dev.tocsin.testing.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Firebase Cloud Messaging for tests and the local stack: Google's OAuth2 token endpoint
 * for service accounts and FCM's HTTP v1 {@code messages:send}, each checked as Google does.
 *
 * <p>The fake makes its own service account (an RSA key pair, {@link #writeServiceAccount}). The
 * token endpoint ({@code POST /token}) takes only the JWT bearer grant, form-encoded, with an RS256
 * assertion signed by that key whose {@code iss} is the account's email, {@code aud} the token
 * URI, {@code scope} names Firebase messaging, and {@code iat}/{@code exp} at most an hour apart
 * and current; it answers {@code invalid_grant} otherwise. {@code POST
 * /v1/projects/<project>/messages:send} needs a bearer token it issued and unexpired, the
 * account's project, and a message with exactly one target, string-only {@code data} without
 * reserved keys, and {@code android.priority} NORMAL or HIGH; a device token a test
 * {@link #unregister unregistered} is answered 404 {@code UNREGISTERED}, as FCM answers for an
 * uninstalled app. Errors are Google's JSON ({@code {"error":{"code":…,"status":…}}}).
 */
public final class FcmFake implements AutoCloseable {

    public static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEND = Pattern.compile("/v1/projects/([^/]+)/messages:send");
    private static final Set<String> RESERVED = Set.of("from", "message_type", "notification");

    private volatile HttpServer server;
    private final String project;
    private final String clientEmail;
    private final KeyPair key;
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final Set<String> unregistered = ConcurrentHashMap.newKeySet();
    private final List<JsonNode> sent = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile int failWith;
    private volatile Consumer<JsonNode> listener = message -> { };

    private FcmFake(String project) {
        this.project = project;
        this.clientEmail = "tocsin-notifier@" + project + ".iam.gserviceaccount.com";
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.key = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is missing from this JVM", e);
        }
    }

    /** Starts on a free port of the loopback interface, for one Firebase project. */
    public static FcmFake start(String project) {
        return start(0, project);
    }

    /** Starts on {@code port} of the loopback interface (0: a free one). */
    public static FcmFake start(int port, String project) {
        FcmFake fake = new FcmFake(project);
        fake.server = FakeHttp.start(port, "FCM", fake::handle);
        return fake;
    }

    /** FCM's base URL, as {@code tocsin.notifier.fcm.api-url} names it. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Writes the service account's JSON key, as the Firebase console downloads it, with its token
     * URI on this fake; returns {@code file}.
     */
    public Path writeServiceAccount(Path file) {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        ObjectNode account = JSON.createObjectNode().put("type", "service_account").put("project_id", project)
                .put("private_key_id", "fake-key-1").put("private_key", pem).put("client_email", clientEmail)
                .put("client_id", "100000000000000000000").put("token_uri", url() + "/token");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, account.toPrettyString());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The messages FCM took for one device token, in arrival order (each the {@code message} object). */
    public List<JsonNode> sentTo(String deviceToken) {
        return FakeHttp.withField(sent, "token", deviceToken);
    }

    /** Hands every message taken from now on to {@code listener}, as it is taken. */
    public void onSent(Consumer<JsonNode> listener) {
        this.listener = listener;
    }

    /** Why each refused request was refused, in arrival order. */
    public List<String> refused() {
        return List.copyOf(refused);
    }

    /** How many access tokens the token endpoint issued. */
    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** From now on, messages to {@code deviceToken} are answered 404 UNREGISTERED: the app is gone. */
    public void unregister(String deviceToken) {
        unregistered.add(deviceToken);
    }

    /** Every access token issued so far stops working, as when Google revokes them. */
    public void revokeAccessTokens() {
        accessTokens.clear();
    }

    /** The next {@code times} sends are answered {@code status} (503: unavailable, 429: quota). */
    public void failNext(int times, int status) {
        failWith = status;
        failures.set(times);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("POST")) {
                refuse(exchange, 405, "METHOD_NOT_ALLOWED", "only POST is served here");
            } else if (path.equals("/token")) {
                token(exchange, new String(body, StandardCharsets.UTF_8));
            } else {
                Matcher send = SEND.matcher(path);
                if (send.matches()) {
                    send(exchange, send.group(1), body);
                } else {
                    refuse(exchange, 404, "NOT_FOUND", "no such endpoint " + path);
                }
            }
        }
    }

    private void token(HttpExchange exchange, String body) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
            oauthError(exchange, "invalid_request", "the token request must be form-encoded");
            return;
        }
        Map<String, String> form = form(body);
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            oauthError(exchange, "unsupported_grant_type", "Invalid grant_type: " + form.get("grant_type"));
            return;
        }
        String problem = assertionProblem(form.getOrDefault("assertion", ""));
        if (problem != null) {
            oauthError(exchange, "invalid_grant", problem);
            return;
        }
        String accessToken = "ya29.fake-" + UUID.randomUUID();
        accessTokens.put(accessToken, Instant.now().plusSeconds(3599));
        tokensIssued.incrementAndGet();
        FakeHttp.answer(exchange, 200, JSON.createObjectNode().put("access_token", accessToken)
                .put("expires_in", 3599).put("token_type", "Bearer").toString());
    }

    /** Why an assertion is not one Google takes from this account; null when it is. */
    private String assertionProblem(String assertion) {
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) {
            return "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe";
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (!"RS256".equals(header.path("alg").asText())) {
                return "Invalid JWT: the algorithm must be RS256";
            }
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key.getPublic());
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return "Invalid JWT Signature.";
            }
            if (!clientEmail.equals(claims.path("iss").asText())) {
                return "Invalid JWT: iss is not this service account";
            }
            if (!(url() + "/token").equals(claims.path("aud").asText())) {
                return "Invalid JWT: aud must be the token URI";
            }
            if (!List.of(claims.path("scope").asText().split(" ")).contains(SCOPE)) {
                return "Invalid JWT: scope must include " + SCOPE;
            }
            long iat = claims.path("iat").asLong();
            long exp = claims.path("exp").asLong();
            long now = Instant.now().getEpochSecond();
            if (exp <= iat || exp - iat > 3600 || exp < now || iat > now + 300) {
                return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.";
            }
            return null;
        } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
            return "Invalid JWT: " + e.getMessage();
        }
    }

    private void send(HttpExchange exchange, String inProject, byte[] body) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Instant expires = authorization == null || !authorization.startsWith("Bearer ") ? null
                : accessTokens.get(authorization.substring("Bearer ".length()));
        if (expires == null || expires.isBefore(Instant.now())) {
            refuse(exchange, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
            return;
        }
        if (!project.equals(inProject)) {
            refuse(exchange, 403, "PERMISSION_DENIED", "Permission 'cloudmessaging.messages.create' denied on "
                    + "resource '//cloudresourcemanager.googleapis.com/projects/" + inProject + "'");
            return;
        }
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            refuse(exchange, failWith, failWith == 429 ? "RESOURCE_EXHAUSTED" : "UNAVAILABLE", "The service is "
                    + "currently unavailable.");
            return;
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            refuse(exchange, 400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
            return;
        }
        JsonNode message = request == null ? null : request.get("message");
        String problem = messageProblem(message);
        if (problem != null) {
            refuse(exchange, 400, "INVALID_ARGUMENT", problem);
            return;
        }
        if (unregistered.contains(message.path("token").asText())) {
            refuse(exchange, 404, "NOT_FOUND", "Requested entity was not found.", "UNREGISTERED");
            return;
        }
        sent.add(message);
        listener.accept(message);
        FakeHttp.answer(exchange, 200, JSON.createObjectNode().put("name", "projects/" + project + "/messages/"
                + UUID.randomUUID()).toString());
    }

    private static String messageProblem(JsonNode message) {
        if (message == null || !message.isObject()) {
            return "Invalid value at 'message': a message is required";
        }
        int targets = (message.has("token") ? 1 : 0) + (message.has("topic") ? 1 : 0)
                + (message.has("condition") ? 1 : 0);
        if (targets != 1) {
            return "Exactly one of message.token, message.topic or message.condition must be set";
        }
        if (message.has("token") && message.path("token").asText("").isBlank()) {
            return "The registration token is not a valid FCM registration token";
        }
        JsonNode data = message.get("data");
        if (data != null) {
            if (!data.isObject()) {
                return "Invalid value at 'message.data'";
            }
            for (Map.Entry<String, JsonNode> entry : data.properties()) {
                if (!entry.getValue().isTextual()) {
                    return "Invalid value at 'message.data[" + entry.getKey() + "].value' (TYPE_STRING)";
                }
                String name = entry.getKey().toLowerCase();
                if (RESERVED.contains(name) || name.startsWith("google") || name.startsWith("gcm")) {
                    return "Invalid data payload key: " + entry.getKey();
                }
            }
        }
        String priority = message.path("android").path("priority").asText("NORMAL");
        if (!priority.equals("NORMAL") && !priority.equals("HIGH")) {
            return "Invalid value at 'message.android.priority' (" + priority + ")";
        }
        JsonNode notification = message.get("notification");
        if (notification != null && !notification.isObject()) {
            return "Invalid value at 'message.notification'";
        }
        return null;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private void oauthError(HttpExchange exchange, String error, String description) throws IOException {
        refused.add("400 " + error + ": " + description);
        FakeHttp.answer(exchange, 400, JSON.createObjectNode().put("error", error).put("error_description",
                description).toString());
    }

    private void refuse(HttpExchange exchange, int status, String code, String message) throws IOException {
        refuse(exchange, status, code, message, null);
    }

    private void refuse(HttpExchange exchange, int status, String code, String message, String fcmError)
            throws IOException {
        refused.add(status + " " + code + (fcmError == null ? "" : " " + fcmError) + ": " + message);
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("code", status).put("message", message).put("status", code);
        if (fcmError != null) {
            ((ObjectNode) error.get("error")).putArray("details").addObject()
                    .put("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError").put("errorCode", fcmError);
        }
        FakeHttp.answer(exchange, status, error.toString());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
