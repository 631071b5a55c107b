package dev.tocsin.escalation;

import static dev.tocsin.testing.api.ConfigurationDocuments.addAll;
import static dev.tocsin.testing.api.ConfigurationDocuments.apply;
import static dev.tocsin.testing.api.ConfigurationDocuments.exported;
import static dev.tocsin.testing.api.ConfigurationDocuments.exportedText;
import static dev.tocsin.testing.api.ConfigurationDocuments.plan;
import static dev.tocsin.testing.api.ConfigurationDocuments.remove;
import static dev.tocsin.testing.api.ConfigurationDocuments.text;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.empty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.api.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * escalation-service's part of the configuration document: a plan changes nothing, an apply makes
 * the running part equal to the document, one refusal anywhere changes nothing at all, and what is
 * exported plans back to no change. The database is shared with the module's other tests, so each
 * test edits the exported document, as a team would, instead of replacing it.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class ConfigurationDocumentIT {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void anAppliedDocumentIsWhatRunsAndItsExportPlansToNoChange() {
        ObjectNode document = exported();
        addAll(document, """
                teams:
                  - id: team-%1$s
                    name: Checkout
                    timeZone: Europe/Berlin
                    businessHours: {days: [MONDAY, FRIDAY], start: "09:00", end: "17:00"}
                    defaultPolicy: policy-%1$s
                    fallbackContact: bob-%1$s
                    members: {alice-%1$s: responder, bob-%1$s: admin}
                people:
                  - {id: alice-%1$s, name: Alice, timeZone: Europe/Berlin}
                  - {id: bob-%1$s, name: Bob, timeZone: UTC}
                schedules:
                  - id: oncall-%1$s
                    name: Checkout on-call
                    timeZone: UTC
                    team: team-%1$s
                    rotation: {start: "2026-01-05T09:00:00", shiftLength: P7D, participants: [alice-%1$s, bob-%1$s]}
                policies:
                  - id: policy-%1$s
                    name: Primary then secondary
                    team: team-%1$s
                    steps:
                      - targets: [{type: SCHEDULE_PRIMARY, id: oncall-%1$s}]
                        deadline: PT5M
                      - targets: [{type: SCHEDULE_SECONDARY, id: oncall-%1$s}, {type: TEAM_ALL, id: team-%1$s}]
                        deadline: PT10M
                services:
                  - {id: svc-%1$s, name: Checkout, criticality: CRITICAL, escalationPolicy: policy-%1$s, team: team-%1$s}
                """.formatted(run));
        String text = text(document);

        plan(text).statusCode(200).body("changes.findAll { it.action == 'create' }.id",
                hasItems("team-" + run, "alice-" + run, "oncall-" + run, "policy-" + run, "svc-" + run));
        get("/api/v1/users/alice-" + run).statusCode(404);

        apply(text).statusCode(200).body("changes.find { it.id == 'policy-" + run + "' }.action", equalTo("create"));
        get("/api/v1/teams/team-" + run).statusCode(200).body("defaultPolicy", equalTo("policy-" + run))
                .body("members.personId", hasItems("alice-" + run, "bob-" + run));
        get("/api/v1/escalation-policies/policy-" + run).statusCode(200).body("steps[1].deadline", equalTo("PT10M"));
        get("/api/v1/services/svc-" + run).statusCode(200).body("team", equalTo("team-" + run));

        plan(text).statusCode(200).body("changes", empty());
        String export = exportedText();
        assertTrue(export.startsWith("version: 1") && export.contains("deadline: PT10M"), export);
        assertFalse(export.contains("600.0"), export);
        plan(export).statusCode(200).body("changes", empty());
    }

    @Test
    void anItemNoLongerListedIsDeletedAndAMemberNoLongerListedLeavesTheTeam() {
        ObjectNode document = exported();
        addAll(document, """
                teams:
                  - {id: gone-%1$s, name: Gone, timeZone: UTC, members: {carol-%1$s: viewer}}
                  - {id: stays-%1$s, name: Stays, timeZone: UTC, members: {carol-%1$s: admin, dave-%1$s: viewer}}
                people:
                  - {id: carol-%1$s, name: Carol, timeZone: UTC}
                  - {id: dave-%1$s, name: Dave, timeZone: UTC}
                """.formatted(run));
        apply(document).statusCode(200);

        remove(document, "teams", "id", "gone-" + run);
        remove(document, "people", "id", "dave-" + run);
        for (JsonNode team : document.get("teams")) {
            if (team.get("id").asText().equals("stays-" + run)) {
                ((ObjectNode) team.get("members")).remove("dave-" + run);
            }
        }
        plan(document).statusCode(200)
                .body("changes.findAll { it.action == 'delete' }.id", hasItems("gone-" + run, "dave-" + run))
                .body("changes.find { it.id == 'stays-" + run + "' }.fields", equalTo(List.of("members")));
        apply(document).statusCode(200);

        get("/api/v1/teams/gone-" + run).statusCode(404);
        get("/api/v1/users/dave-" + run).statusCode(404);
        get("/api/v1/teams/stays-" + run).statusCode(200).body("members.personId", equalTo(List.of("carol-" + run)));
    }

    @Test
    void aRefusalAnywhereChangesNothingAndEveryRefusalIsNamedByItsDocumentPath() {
        ObjectNode document = exported();
        int schedules = document.get("schedules").size();
        int policies = document.get("policies").size();
        addAll(document, """
                people:
                  - {id: erin-%1$s, name: Erin, timeZone: UTC}
                schedules:
                  - id: bad-%1$s
                    name: Bad
                    timeZone: UTC
                    rotation: {start: "2026-01-05T09:00:00", shiftLength: P7D, participants: [erin-%1$s, nobody-%1$s]}
                policies:
                  - id: slow-%1$s
                    name: Too slow
                    steps: [{targets: [{type: USER, id: erin-%1$s}], deadline: PT90M}]
                """.formatted(run));

        apply(document).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("schedules[" + schedules + "].rotation.participants[1]",
                        "policies[" + policies + "].steps[0].deadline"));
        get("/api/v1/users/erin-" + run).statusCode(404);
    }

    @Test
    void aDeletionOfSomethingStillNamedIsRefusedNamingWhatNamesIt() {
        ObjectNode document = exported();
        addAll(document, """
                people:
                  - {id: frank-%1$s, name: Frank, timeZone: UTC}
                policies:
                  - {id: named-%1$s, name: Named, steps: [{targets: [{type: USER, id: frank-%1$s}]}]}
                services:
                  - {id: pays-%1$s, name: Pays, criticality: LOW, escalationPolicy: named-%1$s}
                """.formatted(run));
        apply(document).statusCode(200);

        // The policy goes, but the document does not say what the service should page by instead.
        remove(document, "policies", "id", "named-" + run);
        document.remove("services");
        apply(document).statusCode(400)
                .body("errors.message", hasItem("escalation policy named-" + run + " is still named by service pays-"
                        + run + "; change it first"));
        get("/api/v1/escalation-policies/named-" + run).statusCode(200);
    }

    @Test
    void aDocumentThatIsNotOneIsRefusedNamingWhatIsWrong() {
        plan("version: 1\nteam: []\n").statusCode(400).body("errors.field", equalTo(List.of("team")));
        plan("version: 2\n").statusCode(400).body("errors.field", equalTo(List.of("version")));
        plan("version: 1\npeople:\n  - {id: x-" + run + ", name: X, timeZone: UTC, phone: 1}\n").statusCode(400)
                .body("errors.field", equalTo(List.of("people[0].phone")));
        plan("version: 1\npeople:\n  - {id: y-" + run + ", timeZone: UTC}\n").statusCode(400)
                .body("errors.field", equalTo(List.of("people[0].name")));
        plan("version: 1\npeople: [\n").statusCode(400);
    }

    @Test
    void appliedVersionsAreKeptAndOnlyTheAdminSeesThem() {
        String document = "version: 1\n# " + run + "\n";
        long version = given().header("Authorization", TestTokens.ADMIN).contentType("application/yaml").body(document.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/configuration/versions").then().statusCode(201).extract().jsonPath().getLong("version");
        given().header("Authorization", TestTokens.ADMIN).get("/api/v1/configuration/versions?limit=1")
                .then().statusCode(200).body("[0].version", equalTo((int) version));
        given().header("Authorization", TestTokens.ADMIN).get("/api/v1/configuration/versions/" + version)
                .then().statusCode(200).body(equalTo(document));
        given().header("Authorization", TestTokens.VIEWER).get("/api/v1/configuration").then().statusCode(403);
        given().header("Authorization", TestTokens.VIEWER).get("/api/v1/configuration/versions").then().statusCode(403);
    }

    private static ValidatableResponse get(String path) {
        return given().header("Authorization", TestTokens.ADMIN).get(path).then();
    }
}
