package dev.tocsin.notifier;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.eventing.directory.TokenSecrets;
import dev.tocsin.events.delivery.DeliveryFailed;
import dev.tocsin.events.delivery.DeliverySent;
import dev.tocsin.events.directory.MembershipSaved;
import dev.tocsin.events.directory.TeamRole;
import dev.tocsin.events.directory.TeamSaved;
import dev.tocsin.events.directory.TokenIssued;
import dev.tocsin.events.directory.TokenSubject;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.testing.DirectoryEvents;
import dev.tocsin.testing.SmtpServer;
import dev.tocsin.testing.SmtpTestResource;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.fakes.NtfyFake;
import dev.tocsin.testing.fakes.NtfyTestResource;
import dev.tocsin.testing.fakes.TwilioFake;
import dev.tocsin.testing.fakes.TwilioTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * An email address, phone number or push topic a person adds themself is confirmed with a code sent through it before any page
 * uses it: until then a page reaches them by nothing else; a wrong code is refused and counted; the
 * right one makes the number paged. A number the deployment's admin sets is trusted at once.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TwilioTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = NtfyTestResource.class, restrictToAnnotatedClass = false)
class ContactVerificationIT {

    private static final Pattern CODE = Pattern.compile("code for contact method mobile is (\\d{6})");

    private final TwilioFake twilio = TwilioTestResource.server();
    private final NtfyFake ntfy = NtfyTestResource.server();
    private final SmtpServer smtp = SmtpTestResource.server();

    @Inject
    TestClock clock;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void aNumberAPersonAddsIsPagedOnlyOnceTheyConfirmItsCode() {
        String zoe = "zoe-" + UUID.randomUUID().toString().substring(0, 8);
        String token = personWithToken(zoe);
        String phone = Api.phone();
        String path = "/api/v1/users/" + zoe + "/contact-methods/mobile";
        await("zoe's token known").atMost(EscalationEvents.BOUND).untilAsserted(() -> call(token)
                .body("{\"type\":\"SMS\",\"address\":\"" + phone + "\"}").put(path).then().statusCode(201)
                .body("verified", equalTo(false)));

        String sms = await("the code").atMost(EscalationEvents.BOUND)
                .until(() -> twilio.messagesTo(phone), m -> m.size() == 1).get(0).body();
        Matcher code = CODE.matcher(sms);
        assertTrue(code.find(), sms);

        // Unconfirmed, the number is nobody's way to be paged.
        NotifyRequested first = request(zoe);
        EscalationEvents.send(first, clock.instant());
        assertEquals("no verified contact method for " + zoe, EscalationEvents.awaitEvent(DeliveryFailed.class,
                e -> e.requestId().equals(first.requestId())).error());

        String wrong = code.group(1).equals("000000") ? "111111" : "000000";
        call(token).body("{\"code\":\"" + wrong + "\"}").post(path + "/verification").then().statusCode(400)
                .body("errors[0].field", equalTo("code"));
        call(token).body("{\"code\":\"" + code.group(1) + "\"}").post(path + "/verification").then().statusCode(200)
                .body("verified", equalTo(true));
        call(token).post(path + "/verification/code").then().statusCode(409);

        NotifyRequested second = request(zoe);
        EscalationEvents.send(second, clock.instant());
        EscalationEvents.awaitEvent(DeliverySent.class, e -> e.requestId().equals(second.requestId()));
        assertEquals(2, twilio.messagesTo(phone).size());

        // The same number set again keeps its confirmation; a new one needs its own.
        call(token).body("{\"type\":\"SMS\",\"address\":\"" + phone + "\"}").put(path).then().statusCode(200)
                .body("verified", equalTo(true));
        // The deployment's admin vouches for the numbers it sets.
        given().header("Authorization", Api.ADMIN).contentType(ContentType.JSON)
                .body("{\"type\":\"VOICE\",\"address\":\"" + phone + "\"}").put("/api/v1/users/" + zoe
                        + "/contact-methods/desk").then().statusCode(201).body("verified", equalTo(true));
    }

    @Test
    void aPushTopicAPersonAddsIsPagedOnlyOnceTheyConfirmItsCode() {
        String kai = "kai-" + UUID.randomUUID().toString().substring(0, 8);
        String token = personWithToken(kai);
        String topic = "tocsin-" + kai;
        String path = "/api/v1/users/" + kai + "/contact-methods/mobile";
        await("kai's token known").atMost(EscalationEvents.BOUND).untilAsserted(() -> call(token)
                .body("{\"type\":\"PUSH\",\"address\":\"" + ntfy.url() + "/" + topic + "\"}").put(path).then()
                .statusCode(201).body("verified", equalTo(false)));
        String code = codeIn(await("the code").atMost(EscalationEvents.BOUND)
                .until(() -> ntfy.publishedTo(topic), m -> m.size() == 1).get(0).path("message").asText());

        NotifyRequested first = request(kai);
        EscalationEvents.send(first, clock.instant());
        assertEquals("no verified contact method for " + kai, EscalationEvents.awaitEvent(DeliveryFailed.class,
                e -> e.requestId().equals(first.requestId())).error());

        call(token).body("{\"code\":\"" + code + "\"}").post(path + "/verification").then().statusCode(200)
                .body("verified", equalTo(true));
        NotifyRequested second = request(kai);
        EscalationEvents.send(second, clock.instant());
        EscalationEvents.awaitEvent(DeliverySent.class, e -> e.requestId().equals(second.requestId()));
        assertEquals(2, ntfy.publishedTo(topic).size());
    }

    @Test
    void anEmailAddressAPersonAddsIsPagedOnlyOnceTheyConfirmItsCode() throws Exception {
        String lea = "lea-" + UUID.randomUUID().toString().substring(0, 8);
        String token = personWithToken(lea);
        String address = lea + "@example.com";
        String path = "/api/v1/users/" + lea + "/contact-methods/mobile";
        await("lea's token known").atMost(EscalationEvents.BOUND).untilAsserted(() -> call(token)
                .body("{\"type\":\"EMAIL\",\"address\":\"" + address + "\"}").put(path).then().statusCode(201)
                .body("verified", equalTo(false)));
        MimeMessage mail = await("the code").atMost(EscalationEvents.BOUND).until(() -> mailsTo(address),
                m -> m.size() == 1).get(0);
        String code = codeIn(mail.getSubject());

        NotifyRequested first = request(lea);
        EscalationEvents.send(first, clock.instant());
        assertEquals("no verified contact method for " + lea, EscalationEvents.awaitEvent(DeliveryFailed.class,
                e -> e.requestId().equals(first.requestId())).error());

        call(token).body("{\"code\":\"" + code + "\"}").post(path + "/verification").then().statusCode(200)
                .body("verified", equalTo(true));
        NotifyRequested second = request(lea);
        EscalationEvents.send(second, clock.instant());
        EscalationEvents.awaitEvent(DeliverySent.class, e -> e.requestId().equals(second.requestId()));
        assertEquals(2, mailsTo(address).size());
    }

    @Test
    void fiveWrongCodesVoidTheCodeAndANewOneIsSent() {
        String amy = "amy-" + UUID.randomUUID().toString().substring(0, 8);
        String token = personWithToken(amy);
        String phone = Api.phone();
        String path = "/api/v1/users/" + amy + "/contact-methods/mobile";
        await("amy's token known").atMost(EscalationEvents.BOUND).untilAsserted(() -> call(token)
                .body("{\"type\":\"SMS\",\"address\":\"" + phone + "\"}").put(path).then().statusCode(201));
        String first = codeIn(await("the code").atMost(EscalationEvents.BOUND)
                .until(() -> twilio.messagesTo(phone), m -> m.size() == 1).get(0).body());
        String wrong = first.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            call(token).body("{\"code\":\"" + wrong + "\"}").post(path + "/verification").then().statusCode(400);
        }
        // Tried too often: even the right code no longer works.
        call(token).body("{\"code\":\"" + first + "\"}").post(path + "/verification").then().statusCode(410);

        call(token).post(path + "/verification/code").then().statusCode(202).body("verified", equalTo(false));
        String second = codeIn(await("the new code").atMost(EscalationEvents.BOUND)
                .until(() -> twilio.messagesTo(phone), m -> m.size() == 2).get(1).body());
        call(token).body("{\"code\":\"" + second + "\"}").post(path + "/verification").then().statusCode(200)
                .body("verified", equalTo(true));
    }

    /** A person of the directory with a responder's token of their own; returns the token. */
    private String personWithToken(String person) {
        String team = "team-" + person;
        String token = TokenSecrets.generate();
        Instant now = clock.instant();
        new DirectoryEvents(dataSource).people(person).publish(
                new TeamSaved(team, "Verify", "UTC", null, "bootstrap:admin", now),
                new MembershipSaved(team, person, TeamRole.RESPONDER, "bootstrap:admin", now),
                new TokenIssued(UUID.randomUUID().toString(), TokenSecrets.sha256(token),
                        new TokenSubject(TokenSubject.Kind.PERSON, person), Map.of(team, TeamRole.RESPONDER),
                        now.plus(Duration.ofDays(1)), "bootstrap:admin", now));
        return token;
    }

    private List<MimeMessage> mailsTo(String address) throws MessagingException {
        List<MimeMessage> to = new ArrayList<>();
        for (MimeMessage message : smtp.receivedMessages()) {
            if (Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equals(address))) {
                to.add(message);
            }
        }
        return to;
    }

    private static String codeIn(String sms) {
        Matcher code = CODE.matcher(sms);
        assertTrue(code.find(), sms);
        return code.group(1);
    }

    private NotifyRequested request(String userId) {
        return new NotifyRequested(Api.unique("req"), Api.unique("page"), Api.unique("alert"), userId, 1, "checkout",
                "Checkout error rate 12%", "critical", Map.of(), clock.instant());
    }

    private static RequestSpecification call(String secret) {
        return given().header("Authorization", "Bearer " + secret).contentType(ContentType.JSON);
    }
}
