package dev.tocsin.notifier;

import static dev.tocsin.notifier.Api.person;
import static dev.tocsin.notifier.Api.put;
import static dev.tocsin.notifier.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.events.Topics;
import dev.tocsin.events.delivery.Channel;
import dev.tocsin.events.delivery.DeliverySent;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.events.page.AcknowledgePage;
import dev.tocsin.events.page.ResolvePage;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.SmtpTestResource;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import dev.tocsin.testing.fakes.SlackFake;
import dev.tocsin.testing.fakes.SlackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Slack, against a local Slack that checks {@code chat.postMessage} as Slack does: a page is
 * posted with acknowledge, resolve and escalate buttons; a click signed with the app's signing
 * secret acts in the clicking member's name (the person whose SLACK contact method is that member),
 * via slack; an unsigned, mis-signed or stale click, or one by a member Tocsin does not know, does nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SlackTestResource.class, restrictToAnnotatedClass = false)
class SlackIT {

    private final SlackFake slack = SlackTestResource.server();

    @Inject
    TestClock clock;

    @Test
    void aPageIsPostedWithButtonsAndASignedClickActsInTheMembersName() {
        String ben = unique("ben");
        person(ben);
        String member = "U" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        put("/api/v1/users/" + ben + "/contact-methods/slack", "{\"type\":\"SLACK\",\"address\":\"" + member + "\"}")
                .statusCode(201).body("verified", equalTo(true));
        put("/api/v1/users/" + ben + "/contact-methods/chat", "{\"type\":\"SLACK\",\"address\":\"#ops\"}")
                .statusCode(400).body("errors[0].field", equalTo("address"));
        NotifyRequested request = new NotifyRequested(unique("req"), unique("page"), unique("alert"), ben, 1,
                "checkout", "Checkout error rate 12%", "critical", Map.of(), clock.instant());

        try (TopicReader commands = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.PAGE_COMMANDS)) {
            EscalationEvents.send(request, clock.instant());
            JsonNode message = await("the Slack message").atMost(EscalationEvents.BOUND)
                    .until(() -> slack.postedTo(member), m -> m.size() == 1).get(0);
            assertEquals("[Tocsin] CRITICAL checkout: Checkout error rate 12%", message.path("text").asText());
            JsonNode buttons = message.path("blocks").path(1).path("elements");
            assertEquals(3, buttons.size(), message.toString());
            assertEquals(Channel.SLACK, EscalationEvents.awaitEvent(DeliverySent.class,
                    e -> e.requestId().equals(request.requestId())).channel());

            String url = "http://localhost:" + RestAssured.port + "/webhooks/slack/interactions";
            JsonNode acknowledge = buttons.get(0);
            assertEquals("acknowledge", acknowledge.path("action_id").asText());
            String now = String.valueOf(clock.instant().getEpochSecond());
            String body = SlackFake.interaction(member, acknowledge);
            assertEquals("403", slack.clickSignedAs(url, member, acknowledge, null, null)[0]);
            assertEquals("403", slack.clickSignedAs(url, member, acknowledge, now,
                    SlackFake.signature("another-secret", now, body))[0]);
            String stale = String.valueOf(clock.instant().getEpochSecond() - 600);
            assertEquals("403", slack.clickSignedAs(url, member, acknowledge, stale,
                    SlackFake.signature(SlackTestResource.SIGNING_SECRET, stale, body))[0]);
            // A member Tocsin does not know is told so, and nothing is done in anyone's name.
            String[] stranger = slack.clickSignedAs(url, "U0STRANGER1", acknowledge, now, SlackFake.signature(
                    SlackTestResource.SIGNING_SECRET, now, SlackFake.interaction("U0STRANGER1", acknowledge)));
            assertTrue(stranger[1].contains("does not know you"), stranger[1]);

            String[] clicked = slack.clickSignedAs(url, member, acknowledge, now,
                    SlackFake.signature(SlackTestResource.SIGNING_SECRET, now, body));
            assertEquals("200", clicked[0], clicked[1]);
            assertTrue(clicked[1].contains("Acknowledged by " + ben), clicked[1]);
            AcknowledgePage ack = commands.await(AcknowledgePage.class, c -> request.pageId().equals(c.pageId()),
                    EscalationEvents.BOUND);
            assertEquals(ben, ack.by());
            assertEquals("slack", ack.via());
            assertEquals(1, commands.all(AcknowledgePage.class, c -> request.pageId().equals(c.pageId())).size());
            JsonNode resolve = buttons.get(1);
            String resolveBody = SlackFake.interaction(member, resolve);
            slack.clickSignedAs(url, member, resolve, now, SlackFake.signature(SlackTestResource.SIGNING_SECRET, now,
                    resolveBody));
            assertEquals(ben, commands.await(ResolvePage.class, c -> request.pageId().equals(c.pageId()),
                    EscalationEvents.BOUND).by());
        }
    }
}
