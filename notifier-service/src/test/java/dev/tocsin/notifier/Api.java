package dev.tocsin.notifier;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;

/** Calls on the service's REST API shared by the integration tests. */
final class Api {

    static final String ADMIN = "Bearer test-admin-token";
    static final String VIEWER = "Bearer test-viewer-token";

    private Api() {
    }

    static ValidatableResponse putEmail(String user, String id, String address) {
        return put("/api/v1/users/" + user + "/contact-methods/" + id,
                "{\"type\":\"EMAIL\",\"address\":\"" + address + "\"}");
    }

    static ValidatableResponse put(String path, String body) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body).put(path).then();
    }

    /** Ids unique per run: the broker and database are shared by every test of the JVM. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
