package dev.tocsin.incident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.api.AccessWalk;
import dev.tocsin.testing.api.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Who may call what on incident-service (docs/security.md), walked over every operation of its
 * OpenAPI document so an endpoint added later is checked without anyone listing it here.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class ApiAccessIT {

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyOperationRefusesACallerWithoutAnApiToken() {
        AccessWalk walk = AccessWalk.of(base);
        // Every operation is management API: incident-service takes no alerts over HTTP.
        assertEquals(List.of(), walk.intake());
        assertTrue(walk.management().size() >= 4, walk.management().toString());
        List<String> problems = new ArrayList<>(walk.managementRefuses(null));
        problems.addAll(walk.managementRefuses("Bearer not-a-token"));
        assertEquals(List.of(), problems);
    }

    @Test
    void viewersAndRespondersReadButChangeNothing() {
        AccessWalk walk = AccessWalk.of(base);
        List<String> problems = new ArrayList<>(walk.roleBounds(TestTokens.VIEWER, Set.of()));
        // A rebuild is an operator's act, not a responder's.
        problems.addAll(walk.roleBounds(TestTokens.RESPONDER, Set.of()));
        assertEquals(List.of(), problems);
    }

    @Test
    void theOpenApiDocumentDeclaresTheApiTokenOnEveryOperation() {
        AccessWalk walk = AccessWalk.of(base);
        assertEquals(List.of(), walk.undeclared(walk.management(), "apiToken"));
    }

    @Test
    void anEndpointThatDeclaresNoAccessIsClosedEvenToAdmin() {
        given().get("/api/v1/access-probe").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"));
        given().header("Authorization", TestTokens.ADMIN).get("/api/v1/access-probe").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("declares no access"));
    }
}
