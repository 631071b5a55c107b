package dev.tocsin.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.api.AccessWalk;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
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

    private static final Set<String> RESPONDER_MAY = Set.of("POST /api/v1/incidents",
            "PUT /api/v1/incidents/{id}/roles/{role}", "POST /api/v1/incidents/{id}/handoff", "POST /api/v1/incidents/{id}/command",
            "POST /api/v1/incidents/{id}/handoff/accept", "POST /api/v1/incidents/{id}/handoff/decline",
            "PUT /api/v1/incidents/{id}/document", "POST /api/v1/incidents/{id}/status",
            "POST /api/v1/incidents/{id}/entries", "PUT /api/v1/incidents/{id}/subscribers/{person}",
            "DELETE /api/v1/incidents/{id}/subscribers/{person}", "POST /api/v1/incidents/{id}/updates");

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyOperationRefusesACallerWithoutAnApiToken() {
        AccessWalk walk = AccessWalk.of(base);
        // Every operation is management API: incident-service takes no alerts over HTTP.
        assertEquals(List.of(), walk.intake());
        assertTrue(walk.management().size() >= 4, walk.management().toString());
        assertEquals(List.of(), walk.managementRefusesEach(null, "Bearer not-a-token"));
    }

    @Test
    void viewersAndRespondersReadButChangeNothing() {
        AccessWalk walk = AccessWalk.of(base);
        // Responders run incidents (whether this person may is the incident's own decision); a
        // rebuild is an operator's act, not a responder's. A service subscription is a person's own
        // (or the deployment admin's) to change, so a deployment-wide responder token may not.
        assertEquals(List.of(), walk.lowerRoleBounds(RESPONDER_MAY));
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
