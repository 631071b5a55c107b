package dev.tocsin.escalation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.tocsin.testing.TocsinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Users, schedules, policies and services, each its own resource: read one, delete one, and a
 * delete refused while something still names the document, saying what does.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class ConfigurationIT {

    private static final String ADMIN = "Bearer test-admin-token";

    @Test
    void aDocumentStillNamedCannotBeDeletedAndTheAnswerSaysWhoNamesIt() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String user = "u-" + run;
        String schedule = "s-" + run;
        String policy = "p-" + run;
        String service = "svc-" + run;
        put("/api/v1/users/" + user, "{\"name\":\"U\",\"timeZone\":\"UTC\"}");
        put("/api/v1/schedules/" + schedule, "{\"name\":\"S\",\"timeZone\":\"UTC\",\"rotation\":{\"start\":"
                + "\"2020-01-06T09:00:00\",\"shiftLength\":\"P7D\",\"participants\":[\"" + user + "\"]}}");
        put("/api/v1/escalation-policies/" + policy, "{\"name\":\"P\",\"steps\":[{\"targets\":["
                + "{\"type\":\"SCHEDULE_PRIMARY\",\"id\":\"" + schedule + "\"},{\"type\":\"USER\",\"id\":\"" + user
                + "\"}]}]}");
        put("/api/v1/services/" + service, "{\"name\":\"Svc\",\"criticality\":\"HIGH\",\"escalationPolicy\":\""
                + policy + "\"}");

        get("/api/v1/users/" + user).statusCode(200).body("name", equalTo("U"));
        get("/api/v1/schedules/" + schedule).statusCode(200).body("rotation.participants", hasSize(1));
        get("/api/v1/escalation-policies/" + policy).statusCode(200).body("repeat", equalTo(2));
        get("/api/v1/services/" + service).statusCode(200).body("criticality", equalTo("HIGH"));
        get("/api/v1/users/nobody-" + run).statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("user nobody-" + run + " not found"));

        delete("/api/v1/users/" + user).statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("user " + user + " is still named by schedule " + schedule
                        + ", escalation policy " + policy + "; change them first"));
        delete("/api/v1/schedules/" + schedule).statusCode(409).body("detail", equalTo("schedule " + schedule
                + " is still named by escalation policy " + policy + "; change it first"));
        delete("/api/v1/escalation-policies/" + policy).statusCode(409).body("detail", equalTo(
                "escalation policy " + policy + " is still named by service " + service + "; change it first"));
        given().header("Authorization", "Bearer test-viewer-token").delete("/api/v1/services/" + service)
                .then().statusCode(403);

        // In the order a person would undo it: each delete frees the next.
        for (String path : new String[] {"/api/v1/services/" + service, "/api/v1/escalation-policies/" + policy,
                "/api/v1/schedules/" + schedule, "/api/v1/users/" + user}) {
            delete(path).statusCode(204);
            get(path).statusCode(404);
            delete(path).statusCode(404);
        }
    }

    private static ValidatableResponse get(String path) {
        return given().header("Authorization", ADMIN).get(path).then();
    }

    private static ValidatableResponse delete(String path) {
        return given().header("Authorization", ADMIN).delete(path).then();
    }

    private static void put(String path, String body) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body).put(path)
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
    }
}
