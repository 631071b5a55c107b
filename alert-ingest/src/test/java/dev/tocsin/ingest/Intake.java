package dev.tocsin.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.tocsin.events.EventJson;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Calls on alert-ingest's HTTP API shared by the integration tests. */
final class Intake {

    static final String ADMIN = "Bearer test-admin-token";

    private Intake() {
    }

    /** An integration key as its creation answered: the only time the secret is shown. */
    record Key(String id, String secret) {
    }

    /** Creates an integration key for {@code service}. */
    static Key createKey(String service) {
        return createKey(service, Map.of());
    }

    /** Creates a key for {@code service} with these extra settings (signingSecret, rateLimitPerMinute, ...). */
    static Key createKey(String service, Map<String, Object> settings) {
        String secret = "it-" + UUID.randomUUID();
        Directory.services(service);
        if (settings.get("services") instanceof java.util.List<?> more) {
            Directory.services(more.stream().map(String::valueOf).toArray(String[]::new));
        }
        Map<String, Object> body = new HashMap<>(settings);
        body.put("service", service);
        body.put("name", "integration test");
        body.put("key", secret);
        String id = given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body)
                .post("/api/v1/integration-keys").then().statusCode(201).body("key", equalTo(secret))
                .extract().path("id");
        return new Key(id, secret);
    }

    /** One Alertmanager API v2 alert; {@code endsAt} is left out when null. */
    static Map<String, Object> alert(Map<String, String> labels, Map<String, String> annotations, String endsAt) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("labels", labels);
        alert.put("annotations", annotations);
        alert.put("startsAt", Instant.now().minusSeconds(600).toString());
        if (endsAt != null) {
            alert.put("endsAt", endsAt);
        }
        alert.put("generatorURL", "http://prometheus:9090/graph?g0.expr=up");
        return alert;
    }

    static ValidatableResponse post(String key, List<Map<String, Object>> alerts) {
        return postRaw("Bearer " + key, EventJson.write(alerts));
    }

    static ValidatableResponse postRaw(String authorization, String body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.post("/api/v2/alerts").then();
    }
}
