package dev.tocsin.notifier;

import static io.restassured.RestAssured.given;

import dev.tocsin.testing.DirectoryEvents;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ConcurrentHashMap;

/** Calls on the service's REST API shared by the integration tests. */
final class Api {

    static final String ADMIN = "Bearer test-admin-token";
    static final String VIEWER = "Bearer test-viewer-token";

    /** People already put into this JVM's directory: the broker and database outlive each test. */
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

    private Api() {
    }

    /** A contact method of {@code user}, who is put into the directory first if this JVM has not yet. */
    static ValidatableResponse putEmail(String user, String id, String address) {
        person(user);
        return put("/api/v1/users/" + user + "/contact-methods/" + id,
                "{\"type\":\"EMAIL\",\"address\":\"" + address + "\"}");
    }

    static ValidatableResponse put(String path, String body) {
        return given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body).put(path).then();
    }

    /** Makes {@code user} a person of the directory, as escalation-service would publish them, once projected here. */
    static void person(String user) {
        if (!KNOWN.contains(user)) {
            new DirectoryEvents(Arc.container().instance(AgroalDataSource.class).get()).people(user);
            KNOWN.add(user);
        }
    }

    /** A phone number unlikely to be another test's: the provider fakes are shared by every test of the JVM. */
    static String phone() {
        return "+1555" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    }

    /** Ids unique per run: the broker and database are shared by every test of the JVM. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
