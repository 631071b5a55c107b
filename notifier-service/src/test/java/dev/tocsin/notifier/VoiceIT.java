package dev.tocsin.notifier;

import static dev.tocsin.notifier.Api.person;
import static dev.tocsin.notifier.Api.put;
import static dev.tocsin.notifier.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.events.Topics;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.events.page.AcknowledgePage;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.SmtpTestResource;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import dev.tocsin.testing.fakes.TwilioFake;
import dev.tocsin.testing.fakes.TwilioFake.Created;
import dev.tocsin.testing.fakes.TwilioFake.WebhookAnswer;
import dev.tocsin.testing.fakes.TwilioTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A call through Twilio's Calls API: Twilio fetches the call's TwiML from notifier-service, which
 * reads the page and gathers one key; 4 acknowledges in the person's name via voice, another key
 * reads the page again; a request Twilio did not sign is refused.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TwilioTestResource.class, restrictToAnnotatedClass = false)
class VoiceIT {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");

    private final TwilioFake twilio = TwilioTestResource.server();

    @Inject
    TestClock clock;
    @ConfigProperty(name = "tocsin.notifier.public-url")
    String publicUrl;

    @Test
    void aCallReadsThePageAndAKeyAcknowledgesIt() throws Exception {
        String rosa = unique("rosa");
        person(rosa);
        String phone = Api.phone();
        put("/api/v1/users/" + rosa + "/contact-methods/desk", "{\"type\":\"VOICE\",\"address\":\"" + phone + "\"}")
                .statusCode(201);
        NotifyRequested request = new NotifyRequested(unique("req"), unique("page"), unique("alert"), rosa, 1,
                "checkout", "Checkout error rate <12%> & rising", "critical", Map.of(), clock.instant());
        try (KafkaProducer<String, String> producer = Infrastructure.producer();
                TopicReader commands = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.PAGE_COMMANDS)) {
            producer.send(CloudEventRecords.toRecord(request, "/tocsin/escalation-service", clock.instant())).get();
            Created call = await("the call").atMost(BOUND).until(() -> twilio.calls().stream()
                    .filter(c -> phone.equals(c.to())).findFirst(), java.util.Optional::isPresent).get();
            String scriptUrl = call.params().get("Url");
            assertTrue(scriptUrl.startsWith(publicUrl + "/webhooks/twilio/voice?delivery="), scriptUrl);
            assertEquals("POST", call.params().get("Method"));

            WebhookAnswer script = twilio.callWebhook(call, scriptUrl, publicUrl, base(), Map.of());
            assertEquals(200, script.status(), script.body());
            assertTrue(script.body().contains("critical page for checkout: Checkout error rate &lt;12%&gt; &amp; rising."),
                    script.body());
            assertTrue(script.body().contains("Press 4 to acknowledge, 6 to resolve, 5 to escalate."), script.body());
            Matcher action = ACTION.matcher(script.body());
            assertTrue(action.find(), script.body());
            String digitsUrl = action.group(1).replace("&amp;", "&");

            // Unsigned, or signed by another account: refused, nothing done.
            assertEquals(403, twilio.sendSmsSignedAs(digitsUrl.replace(publicUrl, base()), phone, "4", null).status());

            WebhookAnswer other = twilio.callWebhook(call, digitsUrl, publicUrl, base(), Map.of("Digits", "7"));
            assertTrue(other.body().contains("That key does nothing.") && other.body().contains("<Redirect"),
                    other.body());
            WebhookAnswer acknowledged = twilio.callWebhook(call, digitsUrl, publicUrl, base(), Map.of("Digits", "4"));
            assertTrue(acknowledged.body().contains("Acknowledged") && acknowledged.body().contains("<Hangup/>"),
                    acknowledged.body());
            AcknowledgePage ack = commands.await(AcknowledgePage.class, c -> request.pageId().equals(c.pageId()), BOUND);
            assertEquals(rosa, ack.by());
            assertEquals("voice", ack.via());
        }
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }
}
