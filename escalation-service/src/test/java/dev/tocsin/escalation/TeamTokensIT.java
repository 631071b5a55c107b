package dev.tocsin.escalation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tocsin.eventing.directory.TokenSecrets;
import dev.tocsin.events.EventJson;
import dev.tocsin.events.Topics;
import dev.tocsin.events.directory.TeamRole;
import dev.tocsin.events.directory.TokenIssued;
import dev.tocsin.events.directory.TokenRevoked;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import dev.tocsin.testing.api.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The directory's tokens from end to end on escalation-service: the bootstrap admin creates a
 * team, makes a person its admin and issues them a token; the token works once its event is
 * projected, in its own team only, never as the deployment's admin, and stops working within
 * seconds of being revoked.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class TeamTokensIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String payments = "payments-" + run;
    private final String search = "search-" + run;
    private final String alice = "alice-" + run;
    private final String bob = "bob-" + run;

    @Test
    void aTeamAdminsTokenWorksInItsTeamOnlyAndStopsWhenRevoked() {
        try (TopicReader directory = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.DIRECTORY)) {
            call(TestTokens.ADMIN).body(team(payments)).post("/api/v1/teams").then().statusCode(201)
                    .body("createdBy", equalTo("bootstrap:admin")).body("timeZone", equalTo("Europe/Berlin"));
            call(TestTokens.ADMIN).body(team(search)).post("/api/v1/teams").then().statusCode(201);
            call(TestTokens.ADMIN).body(team(payments)).post("/api/v1/teams").then().statusCode(409);
            // A member is a person escalation-service knows.
            member(TestTokens.ADMIN, payments, alice, "admin").statusCode(400).body("errors[0].field", equalTo("person"));
            for (String person : List.of(alice, bob)) {
                call(TestTokens.ADMIN).body("{\"name\":\"" + person + "\",\"timeZone\":\"UTC\"}")
                        .put("/api/v1/users/" + person).then().statusCode(201);
            }
            member(TestTokens.ADMIN, payments, alice, "admin").statusCode(201);
            // A member is not deleted while the team names them.
            call(TestTokens.ADMIN).delete("/api/v1/users/" + alice).then().statusCode(409)
                    .body("detail", containsString("team " + payments + " (a member)"));

            // Issued by the bootstrap admin; the secret is in this answer only.
            var issued = call(TestTokens.ADMIN).body(token(alice, payments, "admin")).post("/api/v1/tokens")
                    .then().statusCode(201).header("Cache-Control", "no-store")
                    .body("secret", startsWith("tcs_")).body("createdBy", equalTo("bootstrap:admin"))
                    .body("teamRoles." + payments, equalTo("admin")).extract();
            String secret = issued.path("secret");
            String tokenId = issued.path("id");
            String aliceToken = "Bearer " + secret;
            call(TestTokens.ADMIN).get("/api/v1/tokens?limit=1000").then().statusCode(200)
                    .body("id", hasItem(tokenId)).body(not(containsString(secret))).body("secret", not(hasItem(secret)));
            // What travels is the secret's SHA-256, never the secret.
            TokenIssued event = directory.await(TokenIssued.class, e -> e.tokenId().equals(tokenId), WAIT);
            assertEquals(TokenSecrets.sha256(secret), event.secretSha256());
            assertEquals(Map.of(payments, TeamRole.ADMIN), event.teamRoles());
            assertFalse(EventJson.write(event).contains(secret));

            // Accepted once projected: a read, and a change of its own team's members.
            Awaitility.await().atMost(WAIT).untilAsserted(() -> call(aliceToken).get("/api/v1/teams/" + payments)
                    .then().statusCode(200).body("members.personId", hasItem(alice)));
            member(aliceToken, payments, bob, "responder").statusCode(201).body("updatedBy", equalTo("person:" + alice));
            // Another team's members, and the deployment's own configuration, are not hers to change.
            member(aliceToken, search, bob, "viewer").statusCode(403)
                    .body("detail", containsString("'admin' role in team '" + search + "'"));
            call(aliceToken).body("{\"name\":\"X\",\"timeZone\":\"UTC\"}").put("/api/v1/users/" + bob).then()
                    .statusCode(403);
            call(aliceToken).body(team("x-" + run)).post("/api/v1/teams").then().statusCode(403);

            // She issues tokens for her team, with no more than its holder's role there.
            var bobs = call(aliceToken).body(token(bob, payments, "responder")).post("/api/v1/tokens").then()
                    .statusCode(201).body("createdBy", equalTo("person:" + alice)).extract();
            call(aliceToken).body(token(bob, payments, "admin")).post("/api/v1/tokens").then().statusCode(400)
                    .body("errors.field", hasItem("teamRoles." + payments));
            call(aliceToken).body(token(bob, search, "viewer")).post("/api/v1/tokens").then().statusCode(403);
            String bobToken = "Bearer " + bobs.path("secret");
            Awaitility.await().atMost(WAIT).untilAsserted(() -> call(bobToken).get("/api/v1/teams").then()
                    .statusCode(200));
            // A responder's token cannot manage the team.
            member(bobToken, payments, "carol-" + run, "viewer").statusCode(403);

            // Leaving the team takes bob's token's roles with it, at once.
            call(aliceToken).delete("/api/v1/teams/" + payments + "/members/" + bob).then().statusCode(204);
            Awaitility.await().atMost(WAIT).untilAsserted(() -> call(bobToken).get("/api/v1/teams").then()
                    .statusCode(403));

            // Revoked by the bootstrap admin: refused within seconds, as an unknown token.
            call(TestTokens.ADMIN).delete("/api/v1/tokens/" + tokenId).then().statusCode(204);
            directory.await(TokenRevoked.class, e -> e.tokenId().equals(tokenId), WAIT);
            Awaitility.await().atMost(WAIT).untilAsserted(() -> call(aliceToken).get("/api/v1/teams").then()
                    .statusCode(401).header("WWW-Authenticate", startsWith("Bearer")));
            call(TestTokens.ADMIN).delete("/api/v1/tokens/" + tokenId).then().statusCode(204);
            call(TestTokens.ADMIN).get("/api/v1/tokens?limit=1000").then().statusCode(200)
                    .body("find { it.id == '" + tokenId + "' }.revokedBy", equalTo("bootstrap:admin"));

            // A team with a member or a live token left is not deleted.
            call(TestTokens.ADMIN).delete("/api/v1/teams/" + payments).then().statusCode(409);
            call(TestTokens.ADMIN).delete("/api/v1/teams/" + search).then().statusCode(204);
            call(TestTokens.ADMIN).get("/api/v1/teams/" + search).then().statusCode(404);
        }
    }

    @Test
    void aRequestThatBreaksTheRulesIsRefusedNamingEachField() {
        call(TestTokens.ADMIN).body("{\"id\":\"Bad Id\",\"name\":\"\",\"timeZone\":\"Mars/Olympus\","
                + "\"businessHours\":{\"days\":[\"FUNDAY\"],\"start\":\"17:00\",\"end\":\"09:00\"}}")
                .post("/api/v1/teams").then().statusCode(400)
                .body("errors.field", hasItem("id")).body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("timeZone")).body("errors.field", hasItem("businessHours.days[0]"))
                .body("errors.field", hasItem("businessHours.end"));
        call(TestTokens.ADMIN).body("{\"subject\":{\"kind\":\"robot\",\"id\":\"x\"},\"teamRoles\":{},"
                + "\"expiresAt\":\"2000-01-01T00:00:00Z\"}").post("/api/v1/tokens").then().statusCode(400)
                .body("errors.field", hasItem("subject.kind")).body("errors.field", hasItem("teamRoles"))
                .body("errors.field", hasItem("expiresAt"));
        call(TestTokens.ADMIN).body("{\"subject\":{\"kind\":\"tool\",\"id\":\"deploy-bot\"},\"teamRoles\":{\"ops\":"
                + "\"responder\"},\"expiresAt\":\"2099-01-01T00:00:00Z\"}").post("/api/v1/tokens").then()
                .statusCode(400).body("errors.field", hasItem("expiresAt"));
    }

    private static io.restassured.specification.RequestSpecification call(String authorization) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON);
    }

    private static ValidatableResponse member(String authorization, String team, String person, String role) {
        return call(authorization).body("{\"role\":\"" + role + "\"}")
                .put("/api/v1/teams/" + team + "/members/" + person).then();
    }

    private static String team(String id) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"timeZone\":\"Europe/Berlin\",\"businessHours\":"
                + "{\"days\":[\"MONDAY\",\"TUESDAY\"],\"start\":\"09:00\",\"end\":\"17:00\"}}";
    }

    private static String token(String person, String team, String role) {
        return "{\"subject\":{\"kind\":\"person\",\"id\":\"" + person + "\"},\"teamRoles\":{\"" + team + "\":\"" + role
                + "\"}}";
    }
}
