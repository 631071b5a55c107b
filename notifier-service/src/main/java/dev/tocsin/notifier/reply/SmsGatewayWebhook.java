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
import java.time.Clock;
import java.util.Map;

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
        SignedWebhook.require(config.sms().http().secret().map(secret -> "sha256=" + SignedWebhook.hmac(secret,
                        timestamp + "." + (body == null ? "" : body))), timestamp, signature, clock, "the SMS gateway",
                "TOCSIN_SMS_GATEWAY_SECRET", "X-Tocsin-Timestamp", "X-Tocsin-Signature");
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
}
