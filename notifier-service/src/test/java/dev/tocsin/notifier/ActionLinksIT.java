package dev.tocsin.notifier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.notifier.action.ActionLinks;
import dev.tocsin.notifier.action.PageAction;
import dev.tocsin.events.Topics;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.events.page.AcknowledgePage;
import dev.tocsin.events.page.ResolvePage;
import dev.tocsin.testing.DirectoryEvents;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.SmtpServer;
import dev.tocsin.testing.SmtpTestResource;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import dev.tocsin.testing.api.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * Signed links in what a person is sent: the email carries an acknowledge and a resolve link; a
 * {@code GET} only asks (a mail scanner acknowledges nothing); a {@code POST} sends the command on
 * {@code tocsin.page-commands} in the person's name, via the link; a changed link is a 404 and an
 * expired one a 410, and neither sends anything.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpTestResource.class, restrictToAnnotatedClass = false)
class ActionLinksIT {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final Pattern LINK = Pattern.compile("(Acknowledge|Resolve|Escalate): \\S+/actions/(\\S+)");

    private final SmtpServer smtp = SmtpTestResource.server();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Inject
    Clock clock;
    @Inject
    ActionLinks links;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void anEmailsLinkAsksOnGetAndActsOnPostInThePersonsName() throws Exception {
        String hana = "hana-" + run;
        new DirectoryEvents(dataSource).people(hana);
        given().header("Authorization", TestTokens.ADMIN).contentType(ContentType.JSON)
                .body("{\"type\":\"EMAIL\",\"address\":\"" + hana + "@example.com\"}")
                .put("/api/v1/users/" + hana + "/contact-methods/work").then().statusCode(201);
        NotifyRequested request = new NotifyRequested("req-" + run, "page-" + run, "alert-" + run, hana, 1,
                "checkout", "Checkout error rate 12%", "critical", Map.of(), clock.instant());
        try (KafkaProducer<String, String> producer = Infrastructure.producer();
                TopicReader commands = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.PAGE_COMMANDS)) {
            producer.send(CloudEventRecords.toRecord(request, "/tocsin/escalation-service", clock.instant())).get();
            MimeMessage mail = Mailbox.awaitOne(smtp, hana + "@example.com");
            String text = Mailbox.text(mail);
            Map<String, String> tokens = new java.util.HashMap<>();
            Matcher found = LINK.matcher(text);
            while (found.find()) {
                tokens.put(found.group(1), found.group(2));
            }
            assertEquals(java.util.Set.of("Acknowledge", "Resolve", "Escalate"), tokens.keySet(), text);
            String acknowledge = tokens.get("Acknowledge");

            given().get("/actions/" + acknowledge).then().statusCode(200).contentType(containsString("text/html"))
                    .body(containsString("<form method=\"post\">")).body(containsString(hana));
            String changed = acknowledge.substring(0, acknowledge.length() - 2)
                    + (acknowledge.endsWith("A") ? "BB" : "AA");
            given().post("/actions/" + changed).then().statusCode(404);

            given().post("/actions/" + acknowledge).then().statusCode(200).body(containsString("Acknowledged"));
            AcknowledgePage acknowledged = commands.await(AcknowledgePage.class,
                    c -> c.pageId().equals(request.pageId()), BOUND);
            assertEquals(hana, acknowledged.by());
            assertEquals("signed-link", acknowledged.via());
            assertEquals(request.alertId(), acknowledged.alertId());

            given().post("/actions/" + tokens.get("Resolve")).then().statusCode(200);
            assertEquals(hana, commands.await(ResolvePage.class, c -> c.pageId().equals(request.pageId()), BOUND).by());

            // A link past its expiry does nothing, GET or POST.
            String expired = links.url(new ActionLinks.SignedAction(PageAction.ACKNOWLEDGE, "page-x-" + run,
                    "alert-x-" + run, hana, clock.instant().minusSeconds(1)));
            String token = expired.substring(expired.indexOf("/actions/") + "/actions/".length());
            given().get("/actions/" + token).then().statusCode(410).body(containsString("expired"));
            given().post("/actions/" + token).then().statusCode(410);
            // Nothing was sent for it: the relay publishes within a moment, so a command would show by now.
            org.awaitility.Awaitility.await("no command for the expired link").during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> commands.all(AcknowledgePage.class, c -> c.pageId().equals("page-x-" + run)).isEmpty());
        }
    }
}
