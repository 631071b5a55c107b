package dev.tocsin.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.api.AccessWalk;
import dev.tocsin.testing.api.OpenApiOperations.Operation;
import dev.tocsin.testing.api.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Who may call what on alert-ingest (docs/security.md), walked over every operation of its OpenAPI
 * document: the management API needs an API token, intake an integration key, and an API token
 * in the intake's Authorization header is no integration key (nor the other way round).
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class ApiAccessIT {

    /** The intake endpoints that read the key from the Authorization header (bearer or basic). */
    private static final Set<String> HEADER_KEYED = Set.of("POST /api/v2/alerts", "POST /hooks/alertmanager",
            "POST /hooks/grafana", "POST /hooks/generic");
    /** PagerDuty's endpoints, which read it from the body's routing_key and answer as PagerDuty does. */
    private static final Set<String> BODY_KEYED = Set.of("POST /v2/enqueue", "POST /v2/change/enqueue");

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyOperationIsCoveredAndTheManagementApiRefusesACallerWithoutAnApiToken() {
        AccessWalk walk = AccessWalk.of(base);
        // An intake endpoint added later must say here how it authenticates, or this fails.
        Set<String> intake = walk.intake().stream().map(Operation::toString).collect(Collectors.toSet());
        Set<String> known = new HashSet<>(HEADER_KEYED);
        known.addAll(BODY_KEYED);
        assertEquals(known, intake);
        assertTrue(walk.management().size() >= 15, walk.management().toString());
        // An integration key is no API token.
        assertEquals(List.of(), walk.managementRefusesEach(null, "Bearer not-a-token",
                "Bearer " + Intake.createKey("access-check").secret()));
    }

    @Test
    void viewersAndRespondersReadButChangeNothing() {
        AccessWalk walk = AccessWalk.of(base);
        // A deploy pipeline's token reports changes with the responder role (its team's services only), and
        // a responder starts drills of their team's services.
        assertEquals(List.of(), walk.lowerRoleBounds(Set.of("POST /api/v1/changes", "POST /api/v1/drills")));
    }

    @Test
    void intakeRefusesEveryCallerWithoutAValidIntegrationKeyApiTokensIncluded() {
        AccessWalk walk = AccessWalk.of(base);
        List<String> problems = new ArrayList<>();
        for (Operation op : walk.intake()) {
            if (!HEADER_KEYED.contains(op.toString())) {
                continue;
            }
            for (String credential : new String[] {null, "Bearer not-a-key", TestTokens.ADMIN, TestTokens.VIEWER,
                    "Basic " + basic("prometheus:not-a-key")}) {
                AccessWalk.Answer answer = walk.call(op, credential);
                if (answer.status() != 401) {
                    problems.add(answer + " for " + credential + ", not 401");
                }
            }
        }
        assertEquals(List.of(), problems);
        for (String path : BODY_KEYED.stream().map(op -> op.substring(5)).toList()) {
            // PagerDuty's API has no 401: a missing or unknown routing key is a 400 naming it.
            given().contentType(ContentType.JSON).body("{}").post(path).then().statusCode(400)
                    .body(containsString("routing_key"));
            given().header("Authorization", TestTokens.ADMIN).contentType(ContentType.JSON)
                    .body("{\"routing_key\":\"test-admin-token\",\"event_action\":\"trigger\"}").post(path).then()
                    .statusCode(400).body(containsString("routing_key"));
        }
    }

    @Test
    void aValidIntegrationKeyPassesAsBearerAndAsBasicAuthWhateverTheApiTokens() {
        Intake.Key key = Intake.createKey("access-check");
        String alert = "[{\"labels\":{\"alertname\":\"AccessCheck\",\"service\":\"access-check\",\"run\":\""
                + UUID.randomUUID() + "\"}}]";
        Intake.postRaw("Bearer " + key.secret(), alert).statusCode(202);
        Intake.postRaw("Basic " + basic("prometheus:" + key.secret()), alert).statusCode(202);
    }

    @Test
    void theOpenApiDocumentDeclaresTheCredentialOfEveryOperation() {
        AccessWalk walk = AccessWalk.of(base);
        List<Operation> headerKeyed = walk.intake().stream().filter(op -> HEADER_KEYED.contains(op.toString())).toList();
        List<String> problems = new ArrayList<>(walk.undeclared(walk.management(), "apiToken"));
        problems.addAll(walk.undeclared(headerKeyed, "integrationKey"));
        problems.addAll(walk.undeclared(headerKeyed, "integrationKeyBasic"));
        assertEquals(List.of(), problems);
    }

    @Test
    void anEndpointThatDeclaresNoAccessIsClosedEvenToAdmin() {
        assertEquals(List.of(), AccessWalk.of(base).undeclaredEndpointClosed());
    }

    private static String basic(String userAndPassword) {
        return Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }
}
