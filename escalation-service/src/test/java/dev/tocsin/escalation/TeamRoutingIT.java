package dev.tocsin.escalation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.eventing.DeadlineEngine;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.events.page.PageExhausted;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import dev.tocsin.testing.api.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A page always reaches someone (issue 10): a service without a policy pages by its team's default
 * policy, which here takes the team's round-robin turn; running out tells the team's fallback
 * contact; an alert no service or team routes pages by the system's fallback policy; and only when
 * that does not exist is the page unrouted, which the routing health group and the API show.
 */
@QuarkusTest
@TestProfile(TeamRoutingIT.Fallback.class)
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class TeamRoutingIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String FALLBACK = "routing-fallback";
    private static TopicReader published;
    private static KafkaProducer<String, String> producer;

    /** The fallback policy is {@value #FALLBACK}, which exists only once a test creates it. */
    public static class Fallback implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tocsin.escalation.fallback-policy", FALLBACK);
        }
    }

    @Inject
    TestClock clock;

    @Inject
    DeadlineEngine engine;

    @BeforeEach
    void configure() {
        if (published == null) {
            published = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.PAGES, Topics.NOTIFY_REQUESTS);
            producer = Infrastructure.producer();
        }
        for (String person : new String[] {"alice", "bob", "carol"}) {
            PageFixtures.put("/api/v1/users/" + person, "{\"name\":\"" + person + "\",\"timeZone\":\"UTC\"}");
        }
        // The team first, as its default policy's target; then the policy; then the team names it.
        given().header("Authorization", TestTokens.ADMIN).contentType(ContentType.JSON)
                .body("{\"id\":\"routing\",\"name\":\"Routing\",\"timeZone\":\"UTC\"}")
                .post("/api/v1/teams").then().statusCode(anyOf(equalTo(201), equalTo(409)));
        PageFixtures.put("/api/v1/escalation-policies/routing-turns", "{\"name\":\"Whoever is in turn\",\"repeat\":0,\"steps\":["
                + "{\"targets\":[{\"type\":\"TEAM_ROUND_ROBIN\",\"id\":\"routing\"}],\"deadline\":\"PT5M\"}]}");
        PageFixtures.put("/api/v1/teams/routing", "{\"name\":\"Routing\",\"timeZone\":\"UTC\",\"defaultPolicy\":\"routing-turns\","
                + "\"fallbackContact\":\"carol\"}");
        PageFixtures.put("/api/v1/teams/routing/members/alice", "{\"role\":\"responder\"}");
        PageFixtures.put("/api/v1/teams/routing/members/bob", "{\"role\":\"admin\"}");
        // No policy of its own: its team's default routes it.
        PageFixtures.put("/api/v1/services/routing-teamed", "{\"name\":\"Teamed\",\"criticality\":\"HIGH\",\"team\":\"routing\"}");
    }

    @AfterAll
    static void close() {
        published.close();
        producer.close();
    }

    @Test
    void aServiceWithoutAPolicyPagesByItsTeamsDefaultTakingTurns() throws Exception {
        AlertTriggered first = alert("routing-teamed");
        AlertTriggered second = alert("routing-teamed");
        producer.send(record(first)).get();
        producer.send(record(second)).get();
        PageOpened one = published.await(PageOpened.class, p -> first.alertId().equals(p.alertId()), WAIT);
        PageOpened two = published.await(PageOpened.class, p -> second.alertId().equals(p.alertId()), WAIT);
        assertEquals("TEAM_DEFAULT", one.routedBy());
        assertEquals("routing-turns", one.policyId());
        String firstPaged = notified(one).userId();
        String secondPaged = notified(two).userId();
        // Two pages, two turns: the team's two responders each take one, whoever's turn came first.
        assertEquals(Set.of("alice", "bob"), Set.of(firstPaged, secondPaged));
        given().header("Authorization", TestTokens.ADMIN).get("/api/v1/pages/" + one.pageId()).then()
                .statusCode(200).body("reason", equalTo("routed by " + "its team's default policy: the service "
                        + "names no policy that exists"));
    }

    @Test
    void runningOutOfThePolicyTellsTheTeamsFallbackContact() throws Exception {
        AlertTriggered alert = alert("routing-teamed");
        producer.send(record(alert)).get();
        PageOpened opened = published.await(PageOpened.class, p -> alert.alertId().equals(p.alertId()), WAIT);

        clock.advance(Duration.ofMinutes(6));
        engine.wake();

        published.await(PageExhausted.class, x -> x.pageId().equals(opened.pageId()), WAIT);
        NotifyRequested told = published.await(NotifyRequested.class,
                n -> n.pageId().equals(opened.pageId()) && n.userId().equals("carol"), WAIT);
        assertTrue(told.reason().contains("you are the fallback contact"), told.reason());
        assertNotEquals(notified(opened).requestId(), told.requestId(), "notifier-service dedupes by request id");
    }

    @Test
    void anAlertNothingRoutesPagesByTheFallbackPolicyAndWithoutOneIsUnroutedAndLoud() throws Exception {
        long before = routing().getLong("checks[0].data.unroutedPages");
        AlertTriggered lost = alert("routing-nowhere-" + UUID.randomUUID());
        producer.send(record(lost)).get();
        Awaitility.await().atMost(WAIT).until(() -> routing().getLong("checks[0].data.unroutedPages") == before + 1);
        JsonPath down = routing();
        assertEquals("DOWN", down.getString("status"));
        assertEquals("the fallback policy " + FALLBACK + " does not exist: an alert of a service without a policy "
                + "would page nobody", down.getString("checks[0].data.reason"));
        given().header("Authorization", TestTokens.ADMIN).queryParam("status", "UNROUTED")
                .queryParam("alertId", lost.alertId()).get("/api/v1/pages").then().statusCode(200)
                .body("[0].status", equalTo("UNROUTED"))
                .body("[0].reason", equalTo("no service '" + lost.service() + "' is configured; "
                        + "the fallback policy '" + FALLBACK + "' does not exist"));

        // Its alert resolving closes it; nobody was paged, so nothing is published about it.
        producer.send(record(new AlertResolved(lost.alertId(), lost.dedupKey(), lost.service(), Instant.now()))).get();
        Awaitility.await().atMost(WAIT).until(() -> routing().getLong("checks[0].data.unroutedPages") == before);

        PageFixtures.put("/api/v1/escalation-policies/" + FALLBACK, "{\"name\":\"Fallback\",\"repeat\":0,\"steps\":["
                + "{\"targets\":[{\"type\":\"USER\",\"id\":\"carol\"}],\"deadline\":\"PT5M\"}]}");
        AlertTriggered caught = alert("routing-nowhere-" + UUID.randomUUID());
        producer.send(record(caught)).get();
        PageOpened opened = published.await(PageOpened.class, p -> caught.alertId().equals(p.alertId()), WAIT);
        assertEquals("FALLBACK", opened.routedBy());
        assertEquals("carol", notified(opened).userId());
        if (before == 0) {
            assertEquals("UP", routing().getString("status"));
        }
    }

    private NotifyRequested notified(PageOpened page) {
        return published.await(NotifyRequested.class, n -> n.pageId().equals(page.pageId()), WAIT);
    }

    private static JsonPath routing() {
        return given().get("/q/health/group/routing").then().extract().jsonPath();
    }

    private static AlertTriggered alert(String service) {
        String id = "alert-" + UUID.randomUUID();
        return new AlertTriggered(id, "fp-" + id, service, "Errors " + id, "critical", Urgency.PAGE, "test",
                Map.of("service", service), Map.of(), Instant.now(), null, "alertmanager-v2", Instant.now());
    }

    private static org.apache.kafka.clients.producer.ProducerRecord<String, String> record(IntegrationEvent event) {
        return CloudEventRecords.toRecord(event, "/test", Instant.now());
    }
}
