package dev.tocsin.notifier.reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.NotifierConfig;
import dev.tocsin.notifier.action.PageAction;
import dev.tocsin.notifier.action.PageActions;
import dev.tocsin.notifier.contact.ContactMethod;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Slack's interactivity webhook: a button of a page's message clicked. Slack signs each request:
 * {@code X-Slack-Signature: v0=<hex>}, the HMAC-SHA256 with the app's signing secret of
 * {@code v0:<X-Slack-Request-Timestamp>:<body>}; a request without a valid signature, or more than
 * five minutes old (a replay), is refused (403) before anything is read. The clicking member names
 * the person (a SLACK contact method with their member id), so in a channel only someone Tocsin
 * knows acts, in their own name ({@code via slack}); the button names the action and the page.
 * The answer is a reply saying what was done; the message and its buttons stay.
 */
@Path("/webhooks/slack/interactions")
public class SlackWebhooks {

    static final String VIA = "slack";

    private final NotifierConfig config;
    private final PageActions actions;
    private final ObjectMapper json;
    private final Clock clock;

    SlackWebhooks(NotifierConfig config, PageActions actions, ObjectMapper json, Clock clock) {
        this.config = config;
        this.actions = actions;
        this.json = json;
        this.clock = clock;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> interaction(@HeaderParam("X-Slack-Request-Timestamp") String timestamp,
            @HeaderParam("X-Slack-Signature") String signature, String body) {
        SignedWebhook.require(config.slack().signingSecret().map(secret -> "v0=" + SignedWebhook.hmac(secret,
                        "v0:" + timestamp + ":" + (body == null ? "" : body))), timestamp, signature, clock, "Slack",
                "TOCSIN_SLACK_SIGNING_SECRET", "X-Slack-Request-Timestamp", "X-Slack-Signature");
        JsonNode payload = payload(body);
        String member = payload.path("user").path("id").asText("");
        JsonNode clicked = payload.path("actions").path(0);
        Optional<PageAction> action = Arrays.stream(PageAction.values())
                .filter(a -> a.word().equals(clicked.path("action_id").asText())).findFirst();
        String[] page = clicked.path("value").asText("").split(" ", 2);
        if (action.isEmpty() || page.length != 2) {
            return Uni.createFrom().item(answer("That button does nothing Tocsin knows."));
        }
        return ContactMethod.peopleAt(Channel.SLACK, member)
                .chain(people -> {
                    if (people.size() != 1) {
                        return Uni.createFrom().item(answer("Tocsin does not know you as one person: add your Slack"
                                + " member id as a SLACK contact method to act from Slack."));
                    }
                    return actions.send(action.get(), page[0], page[1], people.get(0), VIA)
                            .map(ignored -> answer(action.get().label() + "d by " + people.get(0) + " from Slack."));
                });
    }

    private JsonNode payload(String body) {
        for (String pair : body.split("&")) {
            if (pair.startsWith("payload=")) {
                try {
                    return json.readTree(URLDecoder.decode(pair.substring("payload=".length()), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    break;
                }
            }
        }
        throw ProblemException.badRequest("payload", "must be Slack's interaction payload, as JSON");
    }

    /** Slack's answer to an interaction: a reply saying what was done, the original message left as it is. */
    private static Map<String, Object> answer(String text) {
        return Map.of("replace_original", false, "text", text);
    }
}
