package dev.tocsin.escalation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.api.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each role does exactly what it should, on its own team only: a team's admin changes the team's
 * schedules, policies and services; its responders and viewers read them; another team's admin
 * can neither change them nor claim them for their own team.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class TeamScopeIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TEAM = "scope-" + RUN;
    private static final String OTHER = "other-" + RUN;
    /** A token per role: alice admin of TEAM, bob its responder, carol its viewer, dave admin of OTHER. */
    private static final Map<String, String> TOKENS = new java.util.HashMap<>();

    @BeforeEach
    void teamsAndTokens() {
        if (!TOKENS.isEmpty()) {
            return;
        }
        call(TestTokens.ADMIN).body(team(TEAM)).post("/api/v1/teams").then().statusCode(201);
        call(TestTokens.ADMIN).body(team(OTHER)).post("/api/v1/teams").then().statusCode(201);
        for (String person : new String[] {"alice", "bob", "carol", "dave"}) {
            call(TestTokens.ADMIN).body("{\"name\":\"" + person + "\",\"timeZone\":\"UTC\"}")
                    .put("/api/v1/users/" + person).then().statusCode(anyOf(equalTo(200), equalTo(201)));
        }
        token("alice", TEAM, "admin");
        token("bob", TEAM, "responder");
        token("carol", TEAM, "viewer");
        token("dave", OTHER, "admin");
        // Usable once each service projected the tokens.
        TOKENS.values().forEach(token -> Awaitility.await().atMost(WAIT).untilAsserted(() ->
                call(token).get("/api/v1/teams").then().statusCode(200)));
    }

    @Test
    void aTeamsAdminChangesItsSchedulesAndNobodyElseDoes() {
        String schedule = "/api/v1/schedules/scope-" + RUN;
        call("dave").body(schedule(TEAM)).put(schedule).then().statusCode(403)
                .body("detail", containsString("'admin' role in team '" + TEAM + "'"));
        call("bob").body(schedule(TEAM)).put(schedule).then().statusCode(403);
        call("carol").body(schedule(TEAM)).put(schedule).then().statusCode(403);
        call("alice").body(schedule(TEAM)).put(schedule).then().statusCode(201).body("team", equalTo(TEAM));
        // Readers of the team read it.
        call("carol").get(schedule).then().statusCode(200).body("team", equalTo(TEAM));
        call("bob").get(schedule + "/on-call").then().statusCode(200);
        // Nobody moves it to a team they do not administer, nor takes it from one they do not.
        call("alice").body(schedule(OTHER)).put(schedule).then().statusCode(403)
                .body("detail", containsString("team '" + OTHER + "'"));
        call("dave").body(schedule(OTHER)).put(schedule).then().statusCode(403)
                .body("detail", containsString("team '" + TEAM + "'"));
        // A schedule of no team is the deployment admin's alone.
        call("alice").body(schedule(null)).put(schedule).then().statusCode(403);
        call("alice").body(schedule("no-such-team-" + RUN)).put("/api/v1/schedules/nowhere-" + RUN).then()
                .statusCode(403);
        call(TestTokens.ADMIN).body(schedule("no-such-team-" + RUN)).put("/api/v1/schedules/nowhere-" + RUN).then()
                .statusCode(400).body("errors[0].field", equalTo("team"));
        // The audit names the one change that happened, by the person whose token made it.
        call(TestTokens.ADMIN).queryParam("path", schedule).get("/api/v1/audit").then().statusCode(200)
                .body("actor", equalTo(java.util.List.of("person:alice"))).body("method", equalTo(java.util.List.of("PUT")));

        // The team is not deleted while its schedule names it.
        call(TestTokens.ADMIN).delete("/api/v1/teams/" + TEAM).then().statusCode(409)
                .body("detail", containsString("schedule scope-" + RUN));
        call("dave").delete(schedule).then().statusCode(403);
        call("bob").delete(schedule).then().statusCode(403);
        call("alice").delete(schedule).then().statusCode(204);
    }

    @Test
    void aTeamsAdminChangesItsPoliciesAndServicesAndNobodyElseDoes() {
        String policy = "/api/v1/escalation-policies/scope-" + RUN;
        String body = "{\"name\":\"Scope\",\"team\":\"" + TEAM + "\",\"steps\":[{\"targets\":"
                + "[{\"type\":\"TEAM_ALL\",\"id\":\"" + TEAM + "\"}],\"deadline\":\"PT5M\"}]}";
        call("dave").body(body).put(policy).then().statusCode(403);
        call("bob").body(body).put(policy).then().statusCode(403);
        call("alice").body(body).put(policy).then().statusCode(201);
        String service = "/api/v1/services/scope-" + RUN;
        String serviceBody = "{\"name\":\"Scope\",\"criticality\":\"HIGH\",\"escalationPolicy\":\"scope-" + RUN
                + "\",\"team\":\"" + TEAM + "\"}";
        call("dave").body(serviceBody).put(service).then().statusCode(403);
        call("carol").body(serviceBody).put(service).then().statusCode(403);
        call("alice").body(serviceBody).put(service).then().statusCode(201);
        call("carol").get(service).then().statusCode(200).body("team", equalTo(TEAM));
        call("dave").delete(service).then().statusCode(403);
        call("alice").delete(service).then().statusCode(204);
        call("alice").delete(policy).then().statusCode(204);
    }

    @Test
    void aTeamsAdminCoversShiftsOnItsSchedulesForItsPeopleAndOnNoOtherTeamsSchedule() {
        String mine = "/api/v1/schedules/cover-" + RUN;
        String theirs = "/api/v1/schedules/cover-other-" + RUN;
        call("alice").body(schedule(TEAM)).put(mine).then().statusCode(201);
        call("dave").body(schedule(OTHER)).put(theirs).then().statusCode(201);
        String cover = "{\"person\":\"bob\",\"start\":\"2030-01-07T09:00:00Z\",\"end\":\"2030-01-08T09:00:00Z\"}";

        // alice, the team's admin, covers for bob on her team's schedule; dave, on another team's, may not.
        String override = call("alice").body(cover).post(mine + "/overrides").then().statusCode(201)
                .extract().path("id");
        call("dave").body(cover).post(mine + "/overrides").then().statusCode(403)
                .body("detail", containsString("an admin of the schedule's team"));
        call("alice").body(cover).post(theirs + "/overrides").then().statusCode(403);
        // bob, a responder, acts only for himself.
        call("bob").body(cover.replace("\"bob\"", "\"alice\"")).post(mine + "/overrides").then().statusCode(403);
        call("alice").delete(mine + "/overrides/" + override).then().statusCode(204);

        // A swap alice asks for on bob's behalf, which dave cannot answer for carol.
        String swap = call("alice").body("{\"requester\":\"bob\",\"counterpart\":\"alice\","
                + "\"start\":\"2030-01-07T09:00:00Z\",\"end\":\"2030-01-08T09:00:00Z\"}")
                .post(mine + "/swaps").then().statusCode(201).extract().path("id");
        call("dave").post(mine + "/swaps/" + swap + "/decline").then().statusCode(403);
        call("alice").post(mine + "/swaps/" + swap + "/withdraw").then().statusCode(200);
        call("alice").delete(mine).then().statusCode(204);
        call("dave").delete(theirs).then().statusCode(204);
    }

    @Test
    void aPersonRevokesTheirOwnTokenButNobodyElses() {
        String own = call(TestTokens.ADMIN).body("{\"subject\":{\"kind\":\"person\",\"id\":\"bob\"},"
                + "\"teamRoles\":{\"" + TEAM + "\":\"responder\"}}").post("/api/v1/tokens").then().statusCode(201)
                .extract().path("id");
        String carols = call(TestTokens.ADMIN).body("{\"subject\":{\"kind\":\"person\",\"id\":\"carol\"},"
                + "\"teamRoles\":{\"" + TEAM + "\":\"viewer\"}}").post("/api/v1/tokens").then().statusCode(201)
                .extract().path("id");
        call("bob").delete("/api/v1/tokens/" + carols).then().statusCode(403)
                .body("detail", containsString("the token's own person"));
        call("bob").delete("/api/v1/tokens/" + own).then().statusCode(204);
        call(TestTokens.ADMIN).get("/api/v1/tokens?limit=1000").then().statusCode(200)
                .body("find { it.id == '" + own + "' }.revokedBy", equalTo("person:bob"))
                .body("find { it.id == '" + carols + "' }.revokedAt", org.hamcrest.Matchers.nullValue());
        call(TestTokens.ADMIN).delete("/api/v1/tokens/" + carols).then().statusCode(204);
    }

    private static RequestSpecification call(String who) {
        String authorization = TOKENS.getOrDefault(who, who);
        return given().header("Authorization", authorization).contentType(ContentType.JSON);
    }

    private static void token(String person, String team, String role) {
        call(TestTokens.ADMIN).body("{\"role\":\"" + role + "\"}").put("/api/v1/teams/" + team + "/members/" + person)
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
        String secret = call(TestTokens.ADMIN).body("{\"subject\":{\"kind\":\"person\",\"id\":\"" + person
                        + "\"},\"teamRoles\":{\"" + team + "\":\"" + role + "\"}}").post("/api/v1/tokens").then()
                .statusCode(201).extract().path("secret");
        TOKENS.put(person, "Bearer " + secret);
    }

    private static String team(String id) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"timeZone\":\"UTC\"}";
    }

    private static String schedule(String team) {
        return "{\"name\":\"Scope\"," + (team == null ? "" : "\"team\":\"" + team + "\",")
                + "\"timeZone\":\"UTC\",\"rotation\":{\"start\":\"2026-01-05T09:00:00\",\"shiftLength\":\"P7D\","
                + "\"participants\":[\"alice\",\"bob\"]}}";
    }
}
