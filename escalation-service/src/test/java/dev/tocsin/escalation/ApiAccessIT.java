package dev.tocsin.escalation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.api.AccessWalk;
import dev.tocsin.testing.api.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Who may call what on escalation-service (docs/security.md), walked over every operation of its
 * OpenAPI document so an endpoint added later is checked without anyone listing it here.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class ApiAccessIT {

    /** What a responder may change: pages, nothing of the configuration. */
    private static final Set<String> RESPONDER_MAY = Set.of("POST /api/v1/pages/{id}/acknowledge",
            "POST /api/v1/pages/{id}/resolve", "POST /api/v1/pages/{id}/snooze", "POST /api/v1/pages/{id}/reassign",
            "POST /api/v1/pages/{id}/escalate",
            // A person's own overrides, swaps and calendar URL; the endpoint refuses anyone else with 403.
            "POST /api/v1/schedules/{id}/overrides", "DELETE /api/v1/schedules/{id}/overrides/{overrideId}",
            "POST /api/v1/schedules/{id}/swaps", "POST /api/v1/schedules/{id}/swaps/{swapId}/accept",
            "POST /api/v1/schedules/{id}/swaps/{swapId}/decline", "POST /api/v1/schedules/{id}/swaps/{swapId}/withdraw",
            "POST /api/v1/schedules/{id}/swaps/{swapId}/cancel", "POST /api/v1/users/{id}/calendar-secret",
            // A person's own token, revoked by its holder the moment it is thought leaked.
            "DELETE /api/v1/tokens/{id}");

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyOperationRefusesACallerWithoutAnApiToken() {
        AccessWalk walk = AccessWalk.of(base);
        // Every operation but the calendar feed is management API: escalation-service takes no alerts
        // over HTTP, and a calendar app holds the feed's secret URL, not an API token.
        assertEquals(List.of("GET /calendar/{secret}.ics"), walk.intake().stream().map(Object::toString).toList());
        given().get("/calendar/tcal_" + "x".repeat(43) + ".ics").then().statusCode(404);
        assertTrue(walk.management().size() >= 12, walk.management().toString());
        assertEquals(List.of(), walk.managementRefusesEach(null, "Bearer not-a-token"));
    }

    @Test
    void viewersReadAndRespondersAlsoAcknowledgeButNeitherConfigures() {
        AccessWalk walk = AccessWalk.of(base);
        assertTrue(walk.management().stream().anyMatch(op -> RESPONDER_MAY.contains(op.toString())),
                "the acknowledge operation is where this test expects it");
        assertEquals(List.of(), walk.lowerRoleBounds(RESPONDER_MAY));
    }

    @Test
    void aViewerCannotAcknowledgeAndIsToldWhichRoleCan() {
        given().header("Authorization", TestTokens.VIEWER).contentType(ContentType.JSON).body("{\"by\":\"alice\"}")
                .post("/api/v1/pages/some-page/acknowledge").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("'responder'"));
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
}
