package dev.tocsin.ingest;

import static dev.tocsin.ingest.Intake.ADMIN;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tocsin.events.EventJson;
import dev.tocsin.ingest.intake.Fixtures;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.api.BadInputCheck;
import dev.tocsin.testing.api.CorpusRun;
import dev.tocsin.testing.api.BadInputCorpus;
import dev.tocsin.testing.api.BadRequest;
import dev.tocsin.testing.api.OpenApiOperations;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The generated bad-input corpus against every operation of alert-ingest's OpenAPI document,
 * management and intake alike: no 5xx, every 4xx a problem naming what is wrong, and nothing
 * stored or published afterwards.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class BadInputCorpusIT {

    private static final List<String> UNSTORABLE = List.of("NUL", "BEL", "surrogate", "overlong", "300 KB");

    @TestHTTPResource("/")
    URI base;

    @Test
    void noBadRequestIsAnsweredWith5xxOrChangesAnything() throws IOException {
        String service = "corpus-" + UUID.randomUUID().toString().substring(0, 8);
        // Every request of the corpus must reach the intake's checks, not its rate limit.
        Intake.Key key = Intake.createKey(service, Map.of("rateLimitPerMinute", 1_000_000));
        Map<String, String> ids = Map.of(
                "/api/v1/integration-keys/{id}", key.id(),
                "/api/v1/services/{id}", service,
                "/api/v1/silences/{id}", create("/api/v1/silences", "{\"matchers\":[{\"name\":\"service\",\"op\":\"=\","
                        + "\"value\":\"" + service + "\"}],\"endsAt\":\"" + Instant.now().plus(Duration.ofHours(1))
                        + "\",\"createdBy\":\"corpus\",\"comment\":\"known silence\"}"),
                "/api/v1/maintenance-windows/{id}", create("/api/v1/maintenance-windows", "{\"service\":\"" + service
                        + "\",\"endsAt\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\",\"createdBy\":\"corpus\","
                        + "\"comment\":\"known window\"}"),
                "/api/v1/alerts/{id}", openAlert(key));
        given().header("Authorization", ADMIN).contentType(ContentType.JSON)
                .body("{\"name\":\"Corpus\",\"criticality\":\"INTERNAL\"}").put("/api/v1/services/" + service)
                .then().statusCode(201);
        Map<String, JsonNode> examples = Map.of(
                "POST /v2/enqueue", routed("pagerduty-trigger.json", key),
                "POST /v2/change/enqueue", routed("pagerduty-change.json", key),
                "POST /hooks/alertmanager", json("alertmanager-webhook-v4.json"),
                "POST /hooks/grafana", firstAlertOnly(json("grafana-webhook.json")),
                "POST /hooks/generic", json("generic-webhook.json"));
        List<BadRequest> corpus = BadInputCorpus.of(OpenApiOperations.of(base), ids, examples, BadInputCorpus.SEED).stream()
                .map(r -> lenient(r) ? r.tolerated() : r).toList();

        Function<BadRequest, Map<String, String>> credentials = request -> Map.of("Authorization",
                request.target().startsWith("/api/v1/") ? ADMIN : "Bearer " + key.secret());
        BadInputCheck.run(new BadInputCheck.Service(base, "ingest", credentials,
                request -> request.operation().startsWith("POST /v2/"), KnownCorpusFailures::isKnown),
                corpus.stream().filter(request -> !lenient(request)).toList());
        // After the state check: accepted or refused, but never a 5xx, an empty answer or a leak.
        assertEquals(List.of(), CorpusRun.send(base, corpus.stream().filter(BadInputCorpusIT::lenient).toList(),
                credentials, request -> true).failures());

        assertTrue(corpus.size() >= 1000, "corpus of " + corpus.size());
    }

    /**
     * Intake endpoints take each monitoring system's format as it is sent and read only some of its
     * fields, whose values are free-form (a label named zone need not hold a time zone): a wrong type,
     * a null or an odd value may be accepted; a string that cannot be stored may not. The lenient
     * ones are sent after the state was compared, judged only for a 5xx or a leak.
     */
    private static boolean lenient(BadRequest request) {
        return !request.target().startsWith("/api/v1/") && (request.broken().endsWith(": null")
                || request.field() != null && UNSTORABLE.stream().noneMatch(request.broken()::contains));
    }

    private static String create(String path, String body) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body).post(path)
                .then().statusCode(201).extract().path("id");
    }

    private static String openAlert(Intake.Key key) {
        String run = UUID.randomUUID().toString();
        Intake.post(key.secret(), List.of(Intake.alert(Map.of("alertname", "CorpusKnown", "run", run),
                Map.of("summary", "a known alert"), null))).statusCode(202);
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().header("Authorization", ADMIN)
                .queryParam("label", "run=" + run).get("/api/v1/alerts").then().extract().<String>path("[0].id"),
                id -> id != null);
    }

    private static JsonNode json(String fixture) throws IOException {
        return EventJson.MAPPER.readTree(Fixtures.bytes(fixture));
    }

    /**
     * A batch keeps its valid alerts by design (docs/intake.md), so a corpus request that breaks one
     * alert of a two-alert example would rightly publish the other: each example carries one alert.
     */
    private static JsonNode firstAlertOnly(JsonNode batch) {
        ArrayNode alerts = (ArrayNode) batch.get("alerts");
        while (alerts.size() > 1) {
            alerts.remove(alerts.size() - 1);
        }
        return batch;
    }

    private static JsonNode routed(String fixture, Intake.Key key) throws IOException {
        return ((com.fasterxml.jackson.databind.node.ObjectNode) json(fixture)).put("routing_key", key.secret());
    }
}
