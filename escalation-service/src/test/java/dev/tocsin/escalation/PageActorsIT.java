package dev.tocsin.escalation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.page.PageAcknowledged;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import dev.tocsin.testing.api.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who acknowledges a page is who the token says, not what the body says: a person's token
 * acknowledges as that person and cannot sign as anyone else; a tool's token acts as the tool or
 * for the person it names, recorded as via the tool; a deployment token must name someone.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class PageActorsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TEAM = "actors-" + RUN;
    private static final String OTHER = "others-" + RUN;
    private static final String ALICE = "alice-" + RUN;
    private static final String SERVICE = "actors-" + RUN;
    private static TopicReader published;
    private static KafkaProducer<String, String> producer;
    private static String aliceToken;
    private static String botToken;
    private static String otherBotToken;

    /** Once, before the first test: Quarkus is not up yet when a static {@code @BeforeAll} runs. */
    @BeforeEach
    void configure() {
        if (published != null) {
            return;
        }
        published = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.PAGES);
        producer = Infrastructure.producer();
        put("/api/v1/users/" + ALICE, "{\"name\":\"Alice\",\"timeZone\":\"Europe/Berlin\"}");
        put("/api/v1/escalation-policies/" + SERVICE, "{\"name\":\"Alice alone\",\"repeat\":0,\"steps\":["
                + "{\"targets\":[{\"type\":\"USER\",\"id\":\"" + ALICE + "\"}],\"deadline\":\"PT5M\"}]}");
        call(TestTokens.ADMIN).body("{\"id\":\"" + TEAM + "\",\"name\":\"Actors\",\"timeZone\":\"UTC\"}")
                .post("/api/v1/teams").then().statusCode(201);
        call(TestTokens.ADMIN).body("{\"id\":\"" + OTHER + "\",\"name\":\"Others\",\"timeZone\":\"UTC\"}")
                .post("/api/v1/teams").then().statusCode(201);
        // The service is the team's: its responders act on its pages, another team's do not.
        put("/api/v1/services/" + SERVICE, "{\"name\":\"Actors\",\"criticality\":\"CRITICAL\","
                + "\"escalationPolicy\":\"" + SERVICE + "\",\"team\":\"" + TEAM + "\"}");
        call(TestTokens.ADMIN).body("{\"role\":\"responder\"}").put("/api/v1/teams/" + TEAM + "/members/" + ALICE)
                .then().statusCode(201);
        aliceToken = issue("person", ALICE, TEAM);
        botToken = issue("tool", "chat-bot", TEAM);
        otherBotToken = issue("tool", "other-bot", OTHER);
    }

    @AfterAll
    static void close() {
        published.close();
        producer.close();
    }

    @Test
    void aPersonsTokenAcknowledgesAsThatPersonAndSignsForNobodyElse() throws Exception {
        PageOpened page = open();
        act(aliceToken, page, Map.of("by", "bob")).statusCode(403)
                .body("detail", containsString("acts as them only, not as 'bob'"));
        act(aliceToken, page, Map.of()).statusCode(200).body("status", equalTo("ACKNOWLEDGED"));
        PageAcknowledged acknowledged = published.await(PageAcknowledged.class,
                a -> a.pageId().equals(page.pageId()), WAIT);
        assertEquals(ALICE, acknowledged.by());
        assertEquals("api", acknowledged.via());
    }

    @Test
    void anotherTeamsTokenDoesNotActOnThePage() throws Exception {
        PageOpened page = open();
        act(otherBotToken, page, Map.of("by", "carol")).statusCode(403)
                .body("detail", containsString("'responder' role in team '" + TEAM + "'"));
        act(botToken, page, Map.of("by", "carol")).statusCode(200);
    }

    @Test
    void aToolsTokenActsForThePersonItNamesViaTheTool() throws Exception {
        PageOpened forCarol = open();
        act(botToken, forCarol, Map.of("by", "carol")).statusCode(200);
        PageAcknowledged acknowledged = published.await(PageAcknowledged.class,
                a -> a.pageId().equals(forCarol.pageId()), WAIT);
        assertEquals("carol", acknowledged.by());
        assertEquals("tool:chat-bot", acknowledged.via());

        PageOpened alone = open();
        act(botToken, alone, Map.of()).statusCode(200);
        assertEquals("tool:chat-bot", published.await(PageAcknowledged.class,
                a -> a.pageId().equals(alone.pageId()), WAIT).by());
    }

    @Test
    void aDeploymentTokenMustNameWhoActs() throws Exception {
        PageOpened page = open();
        act(TestTokens.RESPONDER, page, Map.of()).statusCode(400)
                .body("errors[0].field", equalTo("by"));
        act(TestTokens.RESPONDER, page, Map.of("by", "dana")).statusCode(200);
        assertEquals("dana", published.await(PageAcknowledged.class, a -> a.pageId().equals(page.pageId()), WAIT).by());
    }

    private static PageOpened open() throws Exception {
        String id = "alert-" + UUID.randomUUID();
        AlertTriggered alert = new AlertTriggered(id, "fp-" + id, SERVICE, "Actors " + id, "critical", Urgency.PAGE,
                "test", Map.of("service", SERVICE), Map.of(), Instant.now(), null, "alertmanager-v2", Instant.now());
        producer.send(CloudEventRecords.toRecord(alert, "/test", Instant.now())).get();
        return published.await(PageOpened.class, p -> id.equals(p.alertId()), WAIT);
    }

    private static ValidatableResponse act(String authorization, PageOpened page, Map<String, String> body) {
        return call(authorization).body(body).post("/api/v1/pages/" + page.pageId() + "/acknowledge").then();
    }

    /** Issues a responder token in the team and returns it once this service has projected it. */
    private static String issue(String kind, String id, String team) {
        String secret = call(TestTokens.ADMIN).body("{\"subject\":{\"kind\":\"" + kind + "\",\"id\":\"" + id
                        + "\"},\"teamRoles\":{\"" + team + "\":\"responder\"}}")
                .post("/api/v1/tokens").then().statusCode(201).extract().path("secret");
        String authorization = "Bearer " + secret;
        Awaitility.await(kind + " " + id + "'s token projected").atMost(WAIT)
                .until(() -> call(authorization).get("/api/v1/pages").statusCode() == 200);
        return authorization;
    }

    private static RequestSpecification call(String authorization) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON);
    }

    private static void put(String path, String body) {
        call(TestTokens.ADMIN).body(body).put(path).then().statusCode(anyOf(equalTo(200), equalTo(201)));
    }
}
