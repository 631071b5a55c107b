package dev.tocsin.escalation;

import static dev.tocsin.testing.api.ConfigurationDocuments.addAll;
import static dev.tocsin.testing.api.ConfigurationDocuments.apply;
import static dev.tocsin.testing.api.ConfigurationDocuments.exported;
import static dev.tocsin.testing.api.ConfigurationDocuments.plan;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.api.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/audit}: each change that succeeded, once, with the actor its token names; a
 * refused change and a configuration plan leave nothing; admin only.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class AuditIT {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aChangeIsListedOnceWithItsActorAndARefusedOneNotAtAll() {
        String path = "/api/v1/users/audit-" + run;
        put(path, "{\"name\":\"Audited\",\"timeZone\":\"UTC\"}").statusCode(201);
        put(path, "{\"name\":\"Audited\",\"timeZone\":\"Mars/Olympus\"}").statusCode(400);
        given().header("Authorization", TestTokens.ADMIN).delete(path).then().statusCode(204);

        audit("path", path).statusCode(200).body("method", equalTo(List.of("DELETE", "PUT")))
                .body("actor", equalTo(List.of("bootstrap:admin", "bootstrap:admin")));
        // Times are the service's clock: the filters take them as they are listed, since inclusive, until not.
        String at = audit("path", path, "limit", "1").statusCode(200).extract().path("[0].at");
        audit("path", path, "since", at, "limit", "1").statusCode(200).body("method", equalTo(List.of("DELETE")))
                .header("Link", org.hamcrest.Matchers.containsString("rel=\"next\""));
        audit("path", path, "until", at).statusCode(200).body("method", org.hamcrest.Matchers.not(
                org.hamcrest.Matchers.hasItem("DELETE")));
        audit("path", path, "actor", "person:nobody").statusCode(200).body("", empty());
        audit("since", "yesterday").statusCode(400).body("errors[0].field", equalTo("since"));
        given().header("Authorization", TestTokens.VIEWER).get("/api/v1/audit").then().statusCode(403);
    }

    @Test
    void aPlanLeavesNoEntryAndAnApplyOneForTheWholeDocument() {
        ObjectNode document = addAll(exported(), """
                people:
                  - {id: audit-a-%1$s, name: A, timeZone: UTC}
                  - {id: audit-b-%1$s, name: B, timeZone: UTC}
                """.formatted(run));
        int before = applies();
        plan(document).statusCode(200);
        assertEquals(before, applies());

        apply(document).statusCode(200);
        assertEquals(before + 1, applies());
        audit("path", "/api/v1/configuration", "limit", "1").statusCode(200).body("[0].method", equalTo("PUT"));
        // The people the document created are its one change, not one entry each.
        audit("path", "/api/v1/users/audit-a-" + run).statusCode(200).body("", empty());
    }

    /** Entries of the configuration endpoint; /plan is under it too, so a plan's entry would count. */
    private static int applies() {
        return audit("path", "/api/v1/configuration", "limit", "1000").statusCode(200).extract().jsonPath()
                .getList("").size();
    }

    private static ValidatableResponse put(String path, String body) {
        return given().header("Authorization", TestTokens.ADMIN).contentType(ContentType.JSON).body(body).put(path)
                .then();
    }

    private static ValidatableResponse audit(String... parameters) {
        var request = given().header("Authorization", TestTokens.ADMIN);
        for (int i = 0; i < parameters.length; i += 2) {
            request.queryParam(parameters[i], parameters[i + 1]);
        }
        return request.get("/api/v1/audit").then();
    }
}
