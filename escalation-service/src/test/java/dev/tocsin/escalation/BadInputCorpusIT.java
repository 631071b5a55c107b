package dev.tocsin.escalation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.api.BadInputCheck;
import dev.tocsin.testing.api.BadInputCorpus;
import dev.tocsin.testing.api.BadRequest;
import dev.tocsin.testing.api.OpenApiOperations;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The generated bad-input corpus against every operation of escalation-service's OpenAPI document:
 * no 5xx, every 4xx a problem naming what is wrong, and no row or topic changed afterwards.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class BadInputCorpusIT {

    private static final String ADMIN = "Bearer test-admin-token";

    @TestHTTPResource("/")
    URI base;

    @Test
    void noBadRequestIsAnsweredWith5xxOrChangesAnything() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String user = "corpus-" + run;
        put("/api/v1/users/" + user, "{\"name\":\"Corpus\",\"timeZone\":\"Europe/Berlin\"}");
        put("/api/v1/schedules/corpus-" + run, "{\"name\":\"Corpus\",\"timeZone\":\"UTC\",\"rotation\":"
                + "{\"start\":\"2020-01-06T09:00:00\",\"shiftLength\":\"P7D\",\"participants\":[\"" + user + "\"]}}");
        put("/api/v1/escalation-policies/corpus-" + run, "{\"name\":\"Corpus\",\"repeat\":0,\"steps\":["
                + "{\"targets\":[{\"type\":\"SCHEDULE_PRIMARY\",\"id\":\"corpus-" + run + "\"}],\"deadline\":\"PT5M\"}]}");
        put("/api/v1/services/corpus-" + run, "{\"name\":\"Corpus\",\"criticality\":\"CRITICAL\","
                + "\"escalationPolicy\":\"corpus-" + run + "\"}");
        // Known ids, so bodies are checked against what exists. The on-call query keeps an unknown
        // schedule until its `at` is bounded (KnownCorpusFailures).
        Map<String, String> ids = Map.of("/api/v1/users/{id}", user, "/api/v1/schedules/{id}", "corpus-" + run,
                "/api/v1/escalation-policies/{id}", "corpus-" + run, "/api/v1/services/{id}", "corpus-" + run);
        // The layered document, overrides and swaps refuse the skeleton's body (a role named "key", instants in
        // 2000, past the ten-year bound) before any mutated field, so each gets a well-formed body to mutate.
        String soon = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofDays(1)).toString();
        String later = Instant.parse(soon).plus(Duration.ofHours(8)).toString();
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> examples = Map.of(
                "PUT /api/v1/schedules/{id}", json(json, "{\"name\":\"Corpus\",\"layers\":[{\"id\":\"week\","
                        + "\"cadence\":\"P7D\",\"handoff\":\"2026-01-05T09:00:00\",\"zone\":\"UTC\",\"participants\":"
                        + "[\"" + user + "\"]}],\"roles\":{\"PRIMARY\":[\"week\"]}}"),
                "POST /api/v1/schedules/{id}/overrides", json(json, "{\"person\":\"" + user + "\",\"start\":\"" + soon
                        + "\",\"end\":\"" + later + "\"}"),
                "POST /api/v1/schedules/{id}/swaps", json(json, "{\"counterpart\":\"" + user + "\",\"requester\":\""
                        + user + "\",\"start\":\"" + soon + "\",\"end\":\"" + later + "\"}"));
        List<BadRequest> corpus = BadInputCorpus.of(OpenApiOperations.of(base), ids, examples, BadInputCorpus.SEED)
                .stream().map(r -> r.operation().equals("GET /api/v1/schedules/{id}/on-call")
                        ? r.withTarget(r.target().replace("corpus-" + run, "corpus-unknown")) : r).toList();

        BadInputCheck.run(new BadInputCheck.Service(base, "escalation", request -> Map.of("Authorization", ADMIN),
                request -> false, KnownCorpusFailures::isKnown), corpus);

        assertTrue(corpus.size() >= 150, "corpus of " + corpus.size());
    }

    private static JsonNode json(ObjectMapper json, String text) {
        try {
            return json.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static void put(String path, String body) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body).put(path)
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
    }
}
