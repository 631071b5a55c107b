package dev.tocsin.notifier.reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.notifier.NotifierConfig;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * The HTTP SMS gateway's inbound webhook: a person's reply, {@code {"from": "+1555…", "text":
 * "12a"}}, signed by the gateway as Slack and Stripe sign theirs: {@code X-Tocsin-Timestamp} (Unix
 * seconds) and {@code X-Tocsin-Signature: sha256=<hex>}, the HMAC-SHA256 with
 * {@code tocsin.notifier.sms.http.secret} of {@code <timestamp>.<body>}. A request without a
 * valid signature, or signed more than five minutes from now (a replay), is refused (403) before
 * anything is read. The answer is {@code {"reply": "..."}}, for the gateway to send back.
 */
@Path("/webhooks/sms")
public class SmsGatewayWebhook {

    private static final Logger LOG = Logger.getLogger(SmsGatewayWebhook.class);
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final NotifierConfig config;
    private final SmsReplies replies;
    private final ObjectMapper json;
    private final Clock clock;

    SmsGatewayWebhook(NotifierConfig config, SmsReplies replies, ObjectMapper json, Clock clock) {
        this.config = config;
        this.replies = replies;
        this.json = json;
        this.clock = clock;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, String>> reply(@HeaderParam("X-Tocsin-Timestamp") String timestamp,
            @HeaderParam("X-Tocsin-Signature") String signature, String body) {
        requireSigned(timestamp, signature, body);
        JsonNode message;
        try {
            message = json.readTree(body);
        } catch (IOException e) {
            throw ProblemException.badRequest("body", "must be a JSON object with from and text");
        }
        if (message == null || !message.path("from").isTextual() || !message.path("text").isTextual()) {
            throw ProblemException.badRequest("from", "from and text must be strings");
        }
        return replies.answer(message.path("from").asText(), message.path("text").asText())
                .map(text -> Map.of("reply", text));
    }

    /** The signature of a body at a timestamp, as the gateway computes it. */
    static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
        }
    }

    private void requireSigned(String timestamp, String signature, String body) {
        Optional<String> secret = config.sms().http().secret();
        String problem = secret.isEmpty() ? "the SMS gateway's secret is not configured here (TOCSIN_SMS_GATEWAY_SECRET)"
                : timestamp == null || signature == null ? "X-Tocsin-Timestamp and X-Tocsin-Signature are required"
                : !fresh(timestamp) ? "X-Tocsin-Timestamp is more than five minutes from now"
                : !MessageDigest.isEqual(sign(secret.get(), timestamp, body == null ? "" : body)
                        .getBytes(StandardCharsets.UTF_8), signature.strip().getBytes(StandardCharsets.UTF_8))
                ? "X-Tocsin-Signature does not match this request" : null;
        if (problem != null) {
            LOG.warnf("refused an inbound SMS: %s", problem);
            throw new ProblemException(403, "Forbidden", problem);
        }
    }

    private boolean fresh(String timestamp) {
        try {
            Instant at = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
            return Duration.between(at, clock.instant()).abs().compareTo(TOLERANCE) <= 0;
        } catch (NumberFormatException | DateTimeException e) {
            return false;
        }
    }
}
