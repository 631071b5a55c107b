package dev.tocsin.notifier;

import static dev.tocsin.notifier.Api.person;
import static dev.tocsin.notifier.Api.put;
import static dev.tocsin.notifier.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.testing.SmtpTestResource;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.fakes.ChatWebhookFake;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Microsoft Teams and Mattermost through their incoming webhooks, against a fake that checks each
 * payload as the two do: a page reaches both channels with its signed acknowledge, resolve and
 * escalate links; a webhook URL outside the allowed prefixes is refused when it is configured.
 */
@QuarkusTest
@TestProfile(ChatWebhooksIT.AllowedWebhooks.class)
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpTestResource.class, restrictToAnnotatedClass = false)
class ChatWebhooksIT {

    static final ChatWebhookFake CHAT = ChatWebhookFake.start();

    public static class AllowedWebhooks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tocsin.notifier.chat.webhook-prefixes", CHAT.url() + "/hooks/," + CHAT.url() + "/workflows/");
        }
    }

    @Inject
    TestClock clock;

    @Test
    void aPageReachesTeamsAndMattermostWithItsLinks() {
        String cleo = unique("cleo");
        person(cleo);
        String base = "/api/v1/users/" + cleo + "/contact-methods/";
        put(base + "ops-mm", "{\"type\":\"MATTERMOST\",\"address\":\"" + CHAT.url() + "/hooks/" + cleo + "\"}")
                .statusCode(201);
        put(base + "ops-teams", "{\"type\":\"TEAMS\",\"address\":\"" + CHAT.url() + "/workflows/" + cleo + "\"}")
                .statusCode(201);
        put(base + "elsewhere", "{\"type\":\"MATTERMOST\",\"address\":\"http://169.254.169.254/hooks/x\"}")
                .statusCode(400).body("errors[0].field", equalTo("address"))
                .body("errors[0].message", containsString("starts with none of the webhook URLs"));
        NotifyRequested request = new NotifyRequested(unique("req"), unique("page"), unique("alert"), cleo, 1,
                "checkout", "Checkout error rate 12%", "critical", Map.of(), clock.instant());

        EscalationEvents.send(request, clock.instant());

        JsonNode mattermost = await("the Mattermost post").atMost(EscalationEvents.BOUND)
                .until(() -> CHAT.postedTo("/hooks/" + cleo), p -> p.size() == 1).get(0);
        String text = mattermost.path("text").asText();
        assertTrue(text.startsWith("#### [Tocsin] CRITICAL checkout: Checkout error rate 12%"), text);
        assertTrue(text.contains("[Acknowledge](") && text.contains("/actions/"), text);
        JsonNode teams = await("the Teams post").atMost(EscalationEvents.BOUND)
                .until(() -> CHAT.postedTo("/workflows/" + cleo), p -> p.size() == 1).get(0);
        JsonNode card = teams.path("attachments").path(0).path("content");
        assertEquals("[Tocsin] CRITICAL checkout: Checkout error rate 12%", card.path("body").path(0).path("text").asText());
        assertEquals(3, card.path("actions").size(), card.toString());
        assertTrue(card.path("actions").path(0).path("url").asText().contains("/actions/"), card.toString());
    }
}
