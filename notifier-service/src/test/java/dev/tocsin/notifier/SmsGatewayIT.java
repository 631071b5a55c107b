package dev.tocsin.notifier;

import static dev.tocsin.notifier.Api.person;
import static dev.tocsin.notifier.Api.put;
import static dev.tocsin.notifier.Api.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.eventing.DeadlineEngine;
import dev.tocsin.events.Topics;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.events.page.AcknowledgePage;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.SmtpTestResource;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import dev.tocsin.testing.fakes.SmsGatewayFake;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * No team is locked into Twilio: with {@code tocsin.notifier.sms.provider=http} SMS goes to an HTTP
 * gateway of the team's own, against a fake that checks the bearer token and the JSON as the
 * contract says. An outage is retried and the message sent once; a reply signed with the shared
 * secret acknowledges the page in the person's name; an unsigned, mis-signed or stale one does nothing.
 */
@QuarkusTest
@TestProfile(SmsGatewayIT.HttpGateway.class)
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpTestResource.class, restrictToAnnotatedClass = false)
class SmsGatewayIT {

    static final String TOKEN = "gateway-token-for-tests";
    static final String SECRET = "gateway-secret-for-tests";
    static final SmsGatewayFake GATEWAY = SmsGatewayFake.start(TOKEN, SECRET);
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final Pattern CODE = Pattern.compile("Reply (\\d+)a to acknowledge");

    public static class HttpGateway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tocsin.notifier.sms.provider", "http", "tocsin.notifier.sms.http.url", GATEWAY.url(),
                    "tocsin.notifier.sms.http.token", TOKEN, "tocsin.notifier.sms.http.secret", SECRET);
        }
    }

    @Inject
    TestClock clock;
    @Inject
    DeadlineEngine engine;

    @Test
    void aGatewayOfTheTeamsOwnSendsTheSmsAndItsSignedReplyActs() throws Exception {
        String yara = unique("yara");
        person(yara);
        String phone = Api.phone();
        put("/api/v1/users/" + yara + "/contact-methods/mobile", "{\"type\":\"SMS\",\"address\":\"" + phone + "\"}")
                .statusCode(201);
        NotifyRequested request = new NotifyRequested(unique("req"), unique("page"), unique("alert"), yara, 1,
                "checkout", "Checkout error rate 12%", "critical", Map.of(), clock.instant());
        GATEWAY.failNext(1);
        try (KafkaProducer<String, String> producer = Infrastructure.producer();
                TopicReader commands = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.PAGE_COMMANDS)) {
            producer.send(CloudEventRecords.toRecord(request, "/tocsin/escalation-service", clock.instant())).get();
            // The first attempt met the outage; the retry, 30 s later, is taken once.
            await("the failed first attempt").atMost(BOUND).untilAsserted(() -> given()
                    .header("Authorization", Api.ADMIN).queryParam("pageId", request.pageId())
                    .get("/api/v1/deliveries").then().statusCode(200)
                    .body("status", equalTo(List.of("FAILED"))).body("attempts", equalTo(List.of(1)))
                    .body("lastError[0]", startsWith("SMS gateway answered 503")));
            assertTrue(GATEWAY.sentTo(phone).isEmpty());
            clock.advance(Duration.ofSeconds(30));
            engine.wake();
            await("the retry").atMost(BOUND).until(() -> GATEWAY.sentTo(phone).size() == 1);
            SmsGatewayFake.Sent sms = GATEWAY.sentTo(phone).get(0);
            Matcher code = CODE.matcher(sms.text());
            assertTrue(code.find(), sms.text());
            assertTrue(!sms.id().isBlank());

            String webhook = "http://localhost:" + RestAssured.port + "/webhooks/sms";
            String ack = code.group(1) + "a";
            String now = String.valueOf(clock.instant().getEpochSecond());
            String body = SmsGatewayFake.body(phone, ack);
            assertEquals("403", GATEWAY.replySignedAs(webhook, phone, ack, null, null)[0]);
            assertEquals("403", GATEWAY.replySignedAs(webhook, phone, ack, now,
                    SmsGatewayFake.signature("another-secret", now, body))[0]);
            String stale = String.valueOf(clock.instant().minus(Duration.ofMinutes(10)).getEpochSecond());
            assertEquals("403", GATEWAY.replySignedAs(webhook, phone, ack, stale,
                    SmsGatewayFake.signature(SECRET, stale, body))[0]);

            String[] answer = GATEWAY.replySignedAs(webhook, phone, ack, now, SmsGatewayFake.signature(SECRET, now, body));
            assertEquals("200", answer[0], answer[1]);
            assertTrue(answer[1].contains("Acknowledge sent for page " + request.pageId()), answer[1]);
            AcknowledgePage acknowledged = commands.await(AcknowledgePage.class,
                    c -> request.pageId().equals(c.pageId()), BOUND);
            assertEquals(yara, acknowledged.by());
            assertEquals("sms", acknowledged.via());
            assertEquals(1, commands.all(AcknowledgePage.class, c -> request.pageId().equals(c.pageId())).size());
        }
    }
}
