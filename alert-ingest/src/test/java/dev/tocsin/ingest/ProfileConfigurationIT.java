package dev.tocsin.ingest;

import static dev.tocsin.testing.api.ConfigurationDocuments.addAll;
import static dev.tocsin.testing.api.ConfigurationDocuments.apply;
import static dev.tocsin.testing.api.ConfigurationDocuments.exported;
import static dev.tocsin.testing.api.ConfigurationDocuments.exportedText;
import static dev.tocsin.testing.api.ConfigurationDocuments.plan;
import static dev.tocsin.testing.api.ConfigurationDocuments.remove;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.api.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * alert-ingest's part of the configuration document, {@code serviceProfiles}: checked as the
 * profile's PUT checks it, planned against the services the same document defines, applied only
 * for services the directory knows, and exported so that it plans back to no change.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class ProfileConfigurationIT {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aProfileForAServiceTheDocumentDefinesPlansButAppliesOnlyOnceTheDirectoryKnowsIt() {
        String service = "pay-" + run;
        ObjectNode document = addAll(exported(), """
                services:
                  - {id: %1$s, name: Pay, criticality: CRITICAL}
                serviceProfiles:
                  - id: %1$s
                    name: Pay
                    criticality: USER_FACING
                    slos: [{name: availability, objective: 99.9, window: P30D}]
                    urgencyRules:
                      - matchers: [{name: alertname, op: "=", value: Canary}]
                        urgency: LOG
                        comment: the canary never wakes anyone
                """.formatted(service));
        int at = document.get("serviceProfiles").size() - 1;

        plan(document).statusCode(200).body("changes.find { it.id == '" + service + "' }.action", equalTo("create"));
        apply(document).statusCode(400).body("errors.field", equalTo(List.of("serviceProfiles[" + at + "].id")));
        given().header("Authorization", TestTokens.ADMIN).get("/api/v1/services/" + service).then().statusCode(404);

        Directory.services(service);
        apply(document).statusCode(200).body("changes.find { it.id == '" + service + "' }.action", equalTo("create"));
        given().header("Authorization", TestTokens.ADMIN).get("/api/v1/services/" + service).then().statusCode(200)
                .body("slos[0].window", equalTo("P30D"));

        String part = given().header("Authorization", TestTokens.ADMIN).get("/api/v1/configuration").then()
                .statusCode(200).extract().asString();
        assertFalse(part.contains("version:"), "alert-ingest's part follows escalation-service's version: " + part);
        plan(exportedText()).statusCode(200).body("changes", empty());

        remove(document, "serviceProfiles", "id", service);
        apply(document).statusCode(200).body("changes.find { it.id == '" + service + "' }.action", equalTo("delete"));
        given().header("Authorization", TestTokens.ADMIN).get("/api/v1/services/" + service).then().statusCode(404);
    }

    @Test
    void aBadProfileIsNamedByItsDocumentPathAndNothingIsWritten() {
        String good = "good-" + run;
        String bad = "bad-" + run;
        Directory.services(good, bad);
        ObjectNode document = addAll(exported(), """
                serviceProfiles:
                  - {id: %s, name: Good, criticality: INTERNAL}
                  - {id: %s, name: Bad, criticality: INTERNAL, slos: [{name: availability, objective: 150, window: P30D}]}
                """.formatted(good, bad));
        int at = document.get("serviceProfiles").size() - 1;

        apply(document).statusCode(400).body("errors.field", hasItem("serviceProfiles[" + at + "].slos[0].objective"));
        given().header("Authorization", TestTokens.ADMIN).get("/api/v1/services/" + good).then().statusCode(404);
    }
}
