package dev.tocsin.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.eventing.directory.TokenSecrets;
import dev.tocsin.events.directory.MembershipSaved;
import dev.tocsin.events.directory.ServiceSaved;
import dev.tocsin.events.directory.TeamRole;
import dev.tocsin.events.directory.TeamSaved;
import dev.tocsin.events.directory.TokenIssued;
import dev.tocsin.events.directory.TokenSubject;
import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Drill;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.change.ChangeReceived;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What alert-ingest keeps for a service (its profile, integration keys, silences, maintenance
 * windows) is changed by the deployment's admin or by an admin of the service's team, as the
 * directory says which team that is: never by another team's admin, nor by a responder, and a
 * service of no team, or a silence for no one service, only by the deployment's admin.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class TeamScopeIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TEAM = "scope-" + RUN;
    private static final String OTHER = "other-" + RUN;
    private static final String MINE = "mine-" + RUN;
    private static final String THEIRS = "theirs-" + RUN;
    private static final String NOBODYS = "nobodys-" + RUN;
    /** alice admin of TEAM, bob its responder, dave admin of OTHER. */
    private static final Map<String, String> TOKENS = new java.util.HashMap<>();

    @BeforeEach
    void teamsServicesAndTokens() {
        if (!TOKENS.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        TOKENS.put("alice", TokenSecrets.generate());
        TOKENS.put("bob", TokenSecrets.generate());
        TOKENS.put("dave", TokenSecrets.generate());
        Directory.publish(new TeamSaved(TEAM, "Scope", "UTC", null, "bootstrap:admin", now),
                new TeamSaved(OTHER, "Other", "UTC", null, "bootstrap:admin", now),
                new MembershipSaved(TEAM, "alice", TeamRole.ADMIN, "bootstrap:admin", now),
                new MembershipSaved(TEAM, "bob", TeamRole.RESPONDER, "bootstrap:admin", now),
                new MembershipSaved(OTHER, "dave", TeamRole.ADMIN, "bootstrap:admin", now),
                new ServiceSaved(MINE, "Mine", "HIGH", TEAM, "bootstrap:admin", now),
                new ServiceSaved(THEIRS, "Theirs", "HIGH", OTHER, "bootstrap:admin", now),
                new ServiceSaved(NOBODYS, "Nobody's", "HIGH", null, "bootstrap:admin", now),
                token("alice", TEAM, TeamRole.ADMIN, now), token("bob", TEAM, TeamRole.RESPONDER, now),
                token("dave", OTHER, TeamRole.ADMIN, now));
        TOKENS.keySet().forEach(person -> Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                call(person).get("/api/v1/services").then().statusCode(200)));
    }

    @Test
    void aTeamsAdminChangesTheProfilesOfItsServicesOnly() {
        String profile = "{\"name\":\"P\",\"criticality\":\"INTERNAL\"}";
        call("alice").body(profile).put("/api/v1/services/" + MINE).then().statusCode(201);
        call("alice").body(profile).put("/api/v1/services/" + THEIRS).then().statusCode(403)
                .body("detail", containsString("team '" + OTHER + "'"));
        call("alice").body(profile).put("/api/v1/services/" + NOBODYS).then().statusCode(403)
                .body("detail", containsString("no team"));
        call("bob").body(profile).put("/api/v1/services/" + MINE).then().statusCode(403);
        call("dave").delete("/api/v1/services/" + MINE).then().statusCode(403);
        call("alice").delete("/api/v1/services/" + MINE).then().statusCode(204);
    }

    @Test
    void aTeamsAdminManagesTheKeysOfItsServicesOnly() {
        String id = call("alice").body(Map.of("service", MINE, "name", "mine")).post("/api/v1/integration-keys")
                .then().statusCode(201).extract().path("id");
        call("alice").body(Map.of("service", MINE, "services", List.of(MINE, THEIRS), "name", "both"))
                .post("/api/v1/integration-keys")
                .then().statusCode(403).body("detail", containsString("team '" + OTHER + "'"));
        call("dave").delete("/api/v1/integration-keys/" + id).then().statusCode(403);
        call("dave").contentType("application/merge-patch+json").body(Map.of("name", "taken"))
                .patch("/api/v1/integration-keys/" + id).then().statusCode(403);
        call("alice").delete("/api/v1/integration-keys/" + id).then().statusCode(204);
    }

    @Test
    void aTeamsAdminSilencesAndMaintainsItsServicesOnly() {
        String endsAt = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        String silence = call("alice").body(silence(MINE, endsAt)).post("/api/v1/silences").then().statusCode(201)
                .body("createdBy", org.hamcrest.Matchers.equalTo("person:alice")).extract().path("id");
        // Her token signs as her, never as someone else.
        Map<String, Object> asBob = new java.util.HashMap<>(silence(MINE, endsAt));
        asBob.put("createdBy", "bob");
        call("alice").body(asBob).post("/api/v1/silences").then().statusCode(403)
                .body("detail", containsString("mutes as person:alice"));
        call("alice").body(silence(THEIRS, endsAt)).post("/api/v1/silences").then().statusCode(403);
        // A silence of no one service could mute every team's alerts: the deployment's admin's alone.
        call("alice").body(Map.of("matchers", List.of(Map.of("name", "alertname", "op", "=", "value", "DiskFull")),
                        "endsAt", endsAt, "createdBy", "alice", "comment", "c"))
                .post("/api/v1/silences").then().statusCode(403).body("detail", containsString("\"name\":\"service\""));
        call("dave").delete("/api/v1/silences/" + silence).then().statusCode(403);
        call("alice").delete("/api/v1/silences/" + silence).then().statusCode(200);

        call("alice").body(Map.of("service", MINE, "endsAt", endsAt, "createdBy", "alice", "comment", "failover"))
                .post("/api/v1/maintenance-windows").then().statusCode(201);
        call("alice").body(Map.of("service", THEIRS, "endsAt", endsAt, "createdBy", "alice", "comment", "failover"))
                .post("/api/v1/maintenance-windows").then().statusCode(403);
    }

    @Test
    void aTeamsPeopleAndToolsReportChangesToItsServicesOnly() {
        String deploy = "Deploy mine v2.14 " + RUN;
        String changeId = call("bob").body(Map.of("service", MINE, "summary", deploy, "source", "ci.example.com",
                        "links", List.of(Map.of("href", "https://ci.example.com/runs/7", "text", "run"))))
                .post("/api/v1/changes").then().statusCode(202).extract().path("changeId");
        try (TopicReader reader = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.CHANGES)) {
            ChangeReceived change = reader.await(ChangeReceived.class, c -> c.changeId().equals(changeId),
                    Duration.ofSeconds(15));
            assertEquals(MINE, change.service());
            assertEquals(deploy, change.summary());
            assertEquals("ci.example.com", change.source());
            assertEquals("https://ci.example.com/runs/7", change.links().getFirst().href());
            assertEquals("tocsin-change-v1", change.format());
        }
        call("bob").body(Map.of("service", THEIRS, "summary", "x")).post("/api/v1/changes").then().statusCode(403)
                .body("detail", containsString("team '" + OTHER + "'"));
        call("bob").body(Map.of("service", NOBODYS, "summary", "x")).post("/api/v1/changes").then().statusCode(403)
                .body("detail", containsString("no team"));
        given().header("Authorization", "Bearer test-admin-token").contentType(ContentType.JSON)
                .body(Map.of("service", NOBODYS, "summary", "Config push")).post("/api/v1/changes").then()
                .statusCode(202);
        call("bob").body(Map.of("service", "no-such-" + RUN, "summary", "x")).post("/api/v1/changes").then()
                .statusCode(400).body("errors[0].field", org.hamcrest.Matchers.equalTo("service"));
        call("bob").body(Map.of("service", MINE)).post("/api/v1/changes").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("summary"));
        given().header("Authorization", "Bearer test-viewer-token").contentType(ContentType.JSON)
                .body(Map.of("service", MINE, "summary", "x")).post("/api/v1/changes").then().statusCode(403);
    }

    @Test
    void aDrillPagesByTheRealPipelineMarkedAsADrillAndATeamStartsDrillsOnItsOwnServicesOnly() {
        // The deployment's admin drills a service of no team: a critical alert tied to no SLO would be a
        // ticket there; a drill pages whatever its profile says, and every part of it says "drill".
        String drill = given().header("Authorization", "Bearer test-admin-token").contentType(ContentType.JSON)
                .body(Map.of("service", NOBODYS)).post("/api/v1/drills").then().statusCode(202)
                .body("service", org.hamcrest.Matchers.equalTo(NOBODYS))
                .body("summary", org.hamcrest.Matchers.startsWith("DRILL: ")).extract().path("drillId");
        try (TopicReader reader = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.ALERTS)) {
            AlertTriggered alert = reader.await(AlertTriggered.class,
                    a -> drill.equals(a.labels().get(Drill.LABEL)), Duration.ofSeconds(15));
            assertEquals(Urgency.PAGE, alert.urgency());
            assertEquals(NOBODYS, alert.service());
            assertEquals("DRILL: paging drill for " + NOBODYS + ": acknowledge it as you would a real page",
                    alert.summary());
            assertEquals("paged: drill " + drill + ", which pages the on-call as a real alert of " + NOBODYS
                    + " would", alert.reason());
            assertEquals("tocsin-drill", alert.source());
        }
        call("bob").body(Map.of("service", MINE, "summary", "can we still reach the secondary?"))
                .post("/api/v1/drills").then().statusCode(202)
                .body("summary", org.hamcrest.Matchers.equalTo("DRILL: can we still reach the secondary?"));
        call("bob").body(Map.of("service", THEIRS)).post("/api/v1/drills").then().statusCode(403)
                .body("detail", containsString("team '" + OTHER + "'"));
        call("bob").body(Map.of("service", NOBODYS)).post("/api/v1/drills").then().statusCode(403)
                .body("detail", containsString("no team"));
        call("bob").body(Map.of("summary", "x")).post("/api/v1/drills").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("service"));
        given().header("Authorization", "Bearer test-viewer-token").contentType(ContentType.JSON)
                .body(Map.of("service", MINE)).post("/api/v1/drills").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("service", MINE)).post("/api/v1/drills").then()
                .statusCode(401);
    }

    private static Map<String, Object> silence(String service, String endsAt) {
        return Map.of("matchers", List.of(Map.of("name", "service", "op", "=", "value", service),
                Map.of("name", "alertname", "op", "=", "value", "DiskFull")), "endsAt", endsAt, "createdBy", "alice",
                "comment", "db migration");
    }

    private static TokenIssued token(String person, String team, TeamRole role, Instant now) {
        return new TokenIssued(UUID.randomUUID().toString(), TokenSecrets.sha256(TOKENS.get(person)),
                new TokenSubject(TokenSubject.Kind.PERSON, person), Map.of(team, role), now.plus(Duration.ofDays(1)),
                "bootstrap:admin", now);
    }

    private static RequestSpecification call(String person) {
        return given().header("Authorization", "Bearer " + TOKENS.get(person)).contentType(ContentType.JSON);
    }
}
