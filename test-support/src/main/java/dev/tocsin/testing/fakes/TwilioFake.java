package dev.tocsin.testing.fakes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Twilio for tests and the local stack: the Messages and Calls resources of one account,
 * checked as Twilio checks them, and Twilio's side of the webhooks (an inbound SMS, posted signed
 * to the webhook URL as Twilio does).
 *
 * <p>A create is a form-encoded {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} (or
 * {@code Calls.json}) with the account SID and auth token as basic auth: 401 (code 20003) without
 * them or with others, 404 (20404) for another account; {@code To} and {@code From} E.164 numbers
 * (21211 for an invalid {@code To}, 21212 for an invalid {@code From}, 21606 for a {@code From}
 * that is not the account's number); a message's {@code Body} present (21602) and at most 1,600
 * characters (21617); a call's {@code Url} or {@code Twiml} (21205). Taken: 201 with the resource's
 * JSON ({@code sid}, {@code status: queued}). Errors are Twilio's JSON ({@code code},
 * {@code message}, {@code more_info}, {@code status}). A test can make the next creates fail, as
 * an outage or rate limiting would.
 */
public final class TwilioFake implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern RESOURCE = Pattern.compile("/2010-04-01/Accounts/([^/]+)/(Messages|Calls)\\.json");
    private static final int MAX_BODY = 1600;

    /** One resource Twilio took: a message or a call, with the parameters it was created with. */
    public record Created(String sid, String resource, Map<String, String> params) {

        public String to() {
            return params.get("To");
        }

        public String body() {
            return params.get("Body");
        }
    }

    /** What a webhook answered to a request this fake made as Twilio. */
    public record WebhookAnswer(int status, String body) {
    }

    private volatile HttpServer server;
    private final String accountSid;
    private final String authToken;
    private final String number;
    private final List<Created> created = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile int failWith;
    private volatile Duration delay = Duration.ZERO;
    private volatile Consumer<Created> listener = created -> { };

    private TwilioFake(String accountSid, String authToken, String number) {
        this.accountSid = accountSid;
        this.authToken = authToken;
        this.number = number;
    }

    /** Starts on a free port of the loopback interface, for one account and its one number. */
    public static TwilioFake start(String accountSid, String authToken, String number) {
        return start(0, accountSid, authToken, number);
    }

    /** Starts on {@code port} of the loopback interface (0: a free one). */
    public static TwilioFake start(int port, String accountSid, String authToken, String number) {
        TwilioFake fake = new TwilioFake(accountSid, authToken, number);
        fake.server = FakeHttp.start(port, "Twilio", fake::handle);
        return fake;
    }

    /** The API's base URL, as {@code tocsin.notifier.twilio.api-url} names it. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The messages Twilio took, in arrival order. */
    public List<Created> messages() {
        return created.stream().filter(c -> c.resource().equals("Messages")).toList();
    }

    /** The messages Twilio took for one number. */
    public List<Created> messagesTo(String to) {
        return messages().stream().filter(c -> to.equals(c.to())).toList();
    }

    /** The calls Twilio took, in arrival order. */
    public List<Created> calls() {
        return created.stream().filter(c -> c.resource().equals("Calls")).toList();
    }

    /** Why each refused create was refused, in arrival order. */
    public List<String> refused() {
        return List.copyOf(refused);
    }

    /** The next {@code times} creates are answered {@code status} (500: down, 429: too many requests). */
    public void failNext(int times, int status) {
        failWith = status;
        failures.set(times);
    }

    /**
     * Posts an inbound SMS as Twilio does: the message's form parameters, signed with the account's
     * auth token ({@code X-Twilio-Signature}) over {@code webhookUrl}, the URL the account's number
     * is configured with, and sent to {@code reachAt}, where that URL leads (the same, unless a proxy
     * or a test's random port sits between).
     */
    public WebhookAnswer sendSms(String webhookUrl, String reachAt, String from, String body) {
        Map<String, String> params = inbound(from, body);
        return post(reachAt, params, signature(authToken, webhookUrl, params));
    }

    /** The same inbound SMS with a signature of the caller's choosing: none (null), another key's, a stale one. */
    public WebhookAnswer sendSmsSignedAs(String reachAt, String from, String body, String signature) {
        return post(reachAt, inbound(from, body), signature);
    }

    /**
     * Twilio's request for a call's TwiML, or for what follows a key pressed: {@code url} as the
     * call or a {@code <Gather>} named it, signed over it, sent to where it leads ({@code url} with
     * {@code publicBase} replaced by {@code reachBase}), with the call's parameters and {@code extra}
     * (such as {@code Digits}).
     */
    public WebhookAnswer callWebhook(Created call, String url, String publicBase, String reachBase,
            Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CallSid", call.sid());
        params.put("AccountSid", accountSid);
        params.put("From", number);
        params.put("To", call.to());
        params.put("CallStatus", "in-progress");
        params.put("Direction", "outbound-api");
        params.putAll(extra);
        return post(url.replace(publicBase, reachBase), params, signature(authToken, url, params));
    }

    /**
     * Twilio's status callback for a message or call it took: {@code status} ({@code delivered},
     * {@code undelivered}, {@code failed} for a message; {@code completed}, {@code busy},
     * {@code no-answer} for a call) posted signed to its {@code StatusCallback}, sent to where that leads.
     */
    public WebhookAnswer report(Created created, String status, String publicBase, String reachBase) {
        String url = created.params().get("StatusCallback");
        if (url == null) {
            throw new IllegalArgumentException(created.sid() + " was created without a StatusCallback");
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", accountSid);
        params.put("From", number);
        params.put("To", created.to());
        if (created.resource().equals("Messages")) {
            params.put("MessageSid", created.sid());
            params.put("MessageStatus", status);
            if (status.equals("undelivered") || status.equals("failed")) {
                params.put("ErrorCode", "30003");
            }
        } else {
            params.put("CallSid", created.sid());
            params.put("CallStatus", status);
        }
        return post(url.replace(publicBase, reachBase), params, signature(authToken, url, params));
    }

    /** Hands every message or call taken from now on to {@code listener}, as it is taken. */
    public void onTaken(Consumer<Created> listener) {
        this.listener = listener;
    }

    /** Each later create is answered only after {@code delay}, as a provider under load would. */
    public void slowDown(Duration delay) {
        this.delay = delay;
    }

    private Map<String, String> inbound(String from, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", "SM" + hex32());
        params.put("AccountSid", accountSid);
        params.put("From", from);
        params.put("To", number);
        params.put("Body", body);
        params.put("NumMedia", "0");
        return params;
    }

    /** Twilio's signature: Base64 HMAC-SHA1 of the URL and each parameter's name and value, sorted by name. */
    public static String signature(String authToken, String url, Map<String, String> params) {
        StringBuilder signed = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> signed.append(name).append(value));
        return Base64.getEncoder().encodeToString(FakeHttp.hmac("HmacSHA1", authToken, signed.toString()));
    }

    private static WebhookAnswer post(String url, Map<String, String> params, String signature) {
        Map<String, String> headers = new HashMap<>();
        headers.put("User-Agent", "TwilioProxy/1.1");
        headers.put("X-Twilio-Signature", signature);
        String[] answer = FakeHttp.post(url, "application/x-www-form-urlencoded; charset=utf-8", form(params), headers);
        return new WebhookAnswer(Integer.parseInt(answer[0]), answer[1]);
    }

    private static String form(Map<String, String> params) {
        List<String> pairs = new ArrayList<>();
        params.forEach((name, value) -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return String.join("&", pairs);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Matcher path = RESOURCE.matcher(exchange.getRequestURI().getPath());
            if (exchange.getRequestMethod().equals("GET") && path.matches() && authorized(exchange, path)) {
                list(exchange, path.group(2));
                return;
            }
            if (!exchange.getRequestMethod().equals("POST") || !path.matches()) {
                refuse(exchange, 404, 20404, "The requested resource " + exchange.getRequestURI().getPath()
                        + " was not found");
                return;
            }
            if (!authorized(exchange, path)) {
                return;
            }
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                refuse(exchange, failWith, failWith == 429 ? 20429 : 20500,
                        failWith == 429 ? "Too Many Requests" : "Internal Server Error");
                return;
            }
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
                refuse(exchange, 400, 20001, "Request parameters must be form-encoded");
                return;
            }
            Map<String, String> params = parse(new String(body, StandardCharsets.UTF_8));
            String problem = check(path.group(2), params);
            if (problem != null) {
                String[] codeAndMessage = problem.split(" ", 2);
                refuse(exchange, 400, Integer.parseInt(codeAndMessage[0]), codeAndMessage[1]);
                return;
            }
            String sid = (path.group(2).equals("Messages") ? "SM" : "CA") + hex32();
            Created taken = new Created(sid, path.group(2), params);
            created.add(taken);
            listener.accept(taken);
            ObjectNode answer = JSON.createObjectNode().put("sid", sid).put("account_sid", accountSid)
                    .put("to", params.get("To")).put("from", params.get("From")).put("status", "queued")
                    .put("uri", "/2010-04-01/Accounts/" + accountSid + "/" + path.group(2) + "/" + sid + ".json");
            if (params.containsKey("Body")) {
                answer.put("body", params.get("Body"));
            }
            FakeHttp.answer(exchange, 201, answer.toString());
        }
    }

    /** Answers 401 or 404 and returns false unless the request is the account's, with its credentials. */
    private boolean authorized(HttpExchange exchange, Matcher path) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(authorization)) {
            refuse(exchange, 401, 20003, "Authenticate");
            return false;
        }
        if (!path.group(1).equals(accountSid)) {
            refuse(exchange, 404, 20404, "The requested resource was not found");
            return false;
        }
        return true;
    }

    /** Twilio's list of a resource, newest first, as {@code GET Messages.json} (or {@code Calls.json}) answers it. */
    private void list(HttpExchange exchange, String resource) throws IOException {
        String to = parse(exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery())
                .get("To");
        var items = JSON.createArrayNode();
        List<Created> all = new ArrayList<>(created);
        Collections.reverse(all);
        for (Created c : all) {
            if (c.resource().equals(resource) && (to == null || to.equals(c.to()))) {
                ObjectNode item = items.addObject().put("sid", c.sid()).put("to", c.to()).put("from", c.params().get("From"))
                        .put("status", "queued");
                if (c.body() != null) {
                    item.put("body", c.body());
                }
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set(resource.toLowerCase(Locale.ROOT), items);
        FakeHttp.answer(exchange, 200, answer.toString());
    }

    /** Twilio's error code and message for the first wrong parameter, or null when it takes them. */
    private String check(String resource, Map<String, String> params) {
        String to = params.get("To");
        if (to == null) {
            return "21604 A 'To' phone number is required.";
        }
        if (!E164.matcher(to).matches()) {
            return "21211 The 'To' number " + to + " is not a valid phone number.";
        }
        String from = params.get("From");
        if (from == null || !E164.matcher(from).matches()) {
            return "21212 The 'From' number " + from + " is not a valid phone number.";
        }
        if (!from.equals(number)) {
            return "21606 The From phone number " + from + " is not a valid, SMS-capable inbound phone number or "
                    + "short code for your account.";
        }
        String callback = params.get("StatusCallback");
        if (callback != null && !callback.matches("https?://[^\\s]+")) {
            return "21609 The StatusCallback URL " + callback + " is not a valid URL.";
        }
        if (resource.equals("Messages")) {
            String text = params.get("Body");
            if (text == null || text.isBlank()) {
                return "21602 Message body is required.";
            }
            if (text.length() > MAX_BODY) {
                return "21617 The concatenated message body exceeds the 1600 character limit.";
            }
        } else if (!params.containsKey("Url") && !params.containsKey("Twiml")) {
            return "21205 Url parameter is required.";
        }
        return null;
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            params.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return params;
    }

    private void refuse(HttpExchange exchange, int status, int code, String message) throws IOException {
        refused.add(code + " " + message);
        FakeHttp.answer(exchange, status, JSON.createObjectNode().put("code", code).put("message", message)
                .put("more_info", "https://www.twilio.com/docs/errors/" + code).put("status", status).toString());
    }

    private static String hex32() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
