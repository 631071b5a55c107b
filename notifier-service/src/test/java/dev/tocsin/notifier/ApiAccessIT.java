package dev.tocsin.notifier;

import static dev.tocsin.notifier.Api.putEmail;
import static dev.tocsin.notifier.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.testing.SmtpTestResource;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.api.AccessWalk;
import dev.tocsin.testing.api.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Who may call what on notifier-service (docs/security.md), walked over every operation of its
 * OpenAPI document so an endpoint added later is checked without anyone listing it here.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpTestResource.class, restrictToAnnotatedClass = false)
class ApiAccessIT {

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyOperationRefusesACallerWithoutAnApiToken() {
        AccessWalk walk = AccessWalk.of(base);
        // Every operation but the signed links and the providers' webhooks is management API:
        // notifier-service takes no alerts, the person who follows a link from an email or a push
        // holds its signature, and a provider signs what it posts, none of them an API token.
        assertEquals(List.of("GET /actions/{token}", "POST /actions/{token}", "POST /webhooks/slack/interactions", "POST /webhooks/sms",
                        "POST /webhooks/twilio/sms",
                        "POST /webhooks/twilio/status", "POST /webhooks/twilio/voice", "POST /webhooks/twilio/voice/digits"),
                walk.intake().stream().map(Object::toString).sorted().toList());
        given().post("/actions/not-a-signed-link").then().statusCode(404);
        for (String webhook : List.of("/webhooks/twilio/sms", "/webhooks/twilio/status?delivery=x",
                "/webhooks/twilio/voice?delivery=x",
                "/webhooks/twilio/voice/digits?delivery=x")) {
            given().contentType("application/x-www-form-urlencoded").formParam("Body", "1a").post(webhook).then()
                    .statusCode(403);
        }
        given().contentType("application/json").body("{\"from\":\"+15550000000\",\"text\":\"1a\"}")
                .post("/webhooks/sms").then().statusCode(403);
        given().contentType("application/x-www-form-urlencoded").formParam("payload", "{}")
                .post("/webhooks/slack/interactions").then().statusCode(403);
        assertTrue(walk.management().size() >= 6, walk.management().toString());
        // The admin token sent as basic auth is not a bearer token: refused like any other.
        assertEquals(List.of(), walk.managementRefusesEach(null, "Bearer not-a-token", "Basic " + Base64.getEncoder()
                .encodeToString("admin:test-admin-token".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void viewersAndRespondersReadButChangeNothing() {
        AccessWalk walk = AccessWalk.of(base);
        // A responder changes (and verifies) only a person's own contact methods and rules; the endpoints refuse
        // anyone else's with 403.
        assertEquals(List.of(), walk.lowerRoleBounds(Set.of("PUT /api/v1/users/{userId}/contact-methods/{id}",
                "DELETE /api/v1/users/{userId}/contact-methods/{id}", "PUT /api/v1/users/{userId}/notification-rules",
                "POST /api/v1/users/{userId}/contact-methods/{id}/verification",
                "POST /api/v1/users/{userId}/contact-methods/{id}/verification/code",
                "DELETE /api/v1/users/{userId}/notification-rules")));
    }

    @Test
    void theOpenApiDocumentDeclaresTheApiTokenOnEveryOperation() {
        AccessWalk walk = AccessWalk.of(base);
        assertEquals(List.of(), walk.undeclared(walk.management(), "apiToken"));
    }

    @Test
    void anEndpointThatDeclaresNoAccessIsClosedEvenToAdmin() {
        assertEquals(List.of(), AccessWalk.of(base).undeclaredEndpointClosed());
    }

    @Test
    void aViewerSeesThatAContactMethodExistsButNotItsAddress() {
        String grace = unique("grace");
        putEmail(grace, "work", grace + "@example.com").statusCode(201);
        String path = "/api/v1/users/" + grace + "/contact-methods";

        given().header("Authorization", TestTokens.VIEWER).get(path).then().statusCode(200)
                .body("[0].id", equalTo("work"))
                .body("[0].type", equalTo("EMAIL"))
                .body("[0].address", nullValue())
                .body("[0].redacted", equalTo(List.of("address")));
        given().header("Authorization", TestTokens.ADMIN).get(path).then().statusCode(200)
                .body("[0].address", equalTo(grace + "@example.com"))
                .body("[0]", not(hasKey("redacted")));
        given().header("Authorization", TestTokens.VIEWER).put(path + "/work").then().statusCode(403)
                .body("detail", containsString("'responder'"));
    }
}
