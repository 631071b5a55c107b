package dev.tocsin.ingest;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.events.EventJson;
import dev.tocsin.ingest.intake.Fixtures;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ThreadLocalRandom;

/** Calls on the intake endpoints shared by the intake integration tests; keys come from {@link Intake}. */
final class IntakeCalls {

    private IntakeCalls() {
    }

    static void revoke(Intake.Key key) {
        given().header("Authorization", Intake.ADMIN).delete("/api/v1/integration-keys/" + key.id()).then()
                .statusCode(204);
    }

    /** A vendor's example payload, to be made unique by the test before posting. */
    static ObjectNode fixture(String name) {
        try {
            return (ObjectNode) EventJson.MAPPER.readTree(Fixtures.bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh Alertmanager-style fingerprint, so tests sharing the broker never share a dedup key. */
    static String fingerprint() {
        return String.format("%016x", ThreadLocalRandom.current().nextLong());
    }

    static ValidatableResponse post(String path, String bearerKey, JsonNode body) {
        return post(path, bearerKey, EventJson.write(body));
    }

    static ValidatableResponse post(String path, String bearerKey, String body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (bearerKey != null) {
            request.header("Authorization", "Bearer " + bearerKey);
        }
        return request.post(path).then();
    }
}
