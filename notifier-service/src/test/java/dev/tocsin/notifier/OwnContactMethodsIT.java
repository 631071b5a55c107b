package dev.tocsin.notifier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.tocsin.eventing.directory.TokenSecrets;
import dev.tocsin.events.directory.MembershipSaved;
import dev.tocsin.events.directory.TeamRole;
import dev.tocsin.events.directory.TeamSaved;
import dev.tocsin.events.directory.TokenIssued;
import dev.tocsin.events.directory.TokenSubject;
import dev.tocsin.testing.DirectoryEvents;
import dev.tocsin.testing.SmtpTestResource;
import io.agroal.api.AgroalDataSource;
import dev.tocsin.testing.TocsinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A person manages their own contact methods and notification rules with their own token, and nobody else's: the
 * responder's token changes and removes its holder's methods and is refused (403, naming who may)
 * on anyone else's; a viewer's token changes nothing. The people, team and tokens come from
 * escalation-service's directory events, produced here as its outbox would publish them.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpTestResource.class, restrictToAnnotatedClass = false)
class OwnContactMethodsIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    Clock clock;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aPersonChangesTheirOwnContactMethodsOnly() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String team = "contacts-" + run;
        String alice = "alice-" + run;
        String bob = "bob-" + run;
        String aliceToken = TokenSecrets.generate();
        String viewerToken = TokenSecrets.generate();
        Instant now = clock.instant();
        new DirectoryEvents(dataSource).people(alice, bob).publish(
                new TeamSaved(team, "Contacts", "UTC", null, "bootstrap:admin", now),
                new MembershipSaved(team, alice, TeamRole.RESPONDER, "bootstrap:admin", now),
                new MembershipSaved(team, bob, TeamRole.VIEWER, "bootstrap:admin", now),
                token(aliceToken, alice, team, TeamRole.RESPONDER, now), token(viewerToken, bob, team, TeamRole.VIEWER, now));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> call(aliceToken)
                .get("/api/v1/users/" + alice + "/contact-methods").then().statusCode(200));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> call(viewerToken)
                .get("/api/v1/users/" + bob + "/contact-methods").then().statusCode(200));
        Api.putEmail(bob, "work", bob + "@example.com").statusCode(201);

        String email = "{\"type\":\"EMAIL\",\"address\":\"" + alice + "@example.com\"}";
        call(aliceToken).body(email).put("/api/v1/users/" + alice + "/contact-methods/work").then().statusCode(201)
                .body("id", equalTo("work"));
        call(aliceToken).body(email).put("/api/v1/users/" + bob + "/contact-methods/work").then().statusCode(403)
                .body("detail", containsString("only " + bob + "'s own token"));
        call(aliceToken).delete("/api/v1/users/" + bob + "/contact-methods/work").then().statusCode(403);
        // A viewer reads, and changes nothing, not even their own.
        call(viewerToken).body(email).put("/api/v1/users/" + bob + "/contact-methods/home").then().statusCode(403)
                .body("detail", containsString("'responder'"));
        // Her notification rules are hers too; while they name a method, it stays.
        String rules = "{\"rules\":[{\"contactMethod\":\"work\",\"delay\":\"PT0S\"}]}";
        call(aliceToken).body(rules).put("/api/v1/users/" + alice + "/notification-rules").then().statusCode(200)
                .body("defaults", equalTo(false));
        call(aliceToken).body(rules).put("/api/v1/users/" + bob + "/notification-rules").then().statusCode(403);
        call(aliceToken).delete("/api/v1/users/" + alice + "/contact-methods/work").then().statusCode(409)
                .body("detail", containsString("named by their notification rules"));
        call(aliceToken).delete("/api/v1/users/" + alice + "/notification-rules").then().statusCode(204);
        call(aliceToken).delete("/api/v1/users/" + alice + "/contact-methods/work").then().statusCode(204);
        given().header("Authorization", Api.ADMIN).get("/api/v1/users/" + bob + "/contact-methods").then()
                .statusCode(200).body("id", hasItem("work"));
        // The audit lists alice's four changes as hers, newest first, and none of the refused attempts.
        given().header("Authorization", Api.ADMIN).queryParam("path", "/api/v1/users/" + alice + "/")
                .get("/api/v1/audit").then().statusCode(200)
                .body("method", equalTo(java.util.List.of("DELETE", "DELETE", "PUT", "PUT")))
                .body("path", equalTo(java.util.List.of("/api/v1/users/" + alice + "/contact-methods/work",
                        "/api/v1/users/" + alice + "/notification-rules",
                        "/api/v1/users/" + alice + "/notification-rules",
                        "/api/v1/users/" + alice + "/contact-methods/work")))
                .body("actor", org.hamcrest.Matchers.everyItem(equalTo("person:" + alice)));
        given().header("Authorization", Api.ADMIN).queryParam("path", "/api/v1/users/" + bob + "/")
                .get("/api/v1/audit").then().statusCode(200).body("actor", equalTo(java.util.List.of("bootstrap:admin")));
    }

    private static TokenIssued token(String secret, String person, String team, TeamRole role, Instant now) {
        return new TokenIssued(UUID.randomUUID().toString(), TokenSecrets.sha256(secret),
                new TokenSubject(TokenSubject.Kind.PERSON, person), Map.of(team, role), now.plus(Duration.ofDays(1)),
                "bootstrap:admin", now);
    }

    private static RequestSpecification call(String secret) {
        return given().header("Authorization", "Bearer " + secret).contentType(ContentType.JSON);
    }
}
