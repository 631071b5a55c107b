package dev.tocsin.notifier;

import static dev.tocsin.testing.api.ConfigurationDocuments.addAll;
import static dev.tocsin.testing.api.ConfigurationDocuments.apply;
import static dev.tocsin.testing.api.ConfigurationDocuments.exported;
import static dev.tocsin.testing.api.ConfigurationDocuments.exportedText;
import static dev.tocsin.testing.api.ConfigurationDocuments.plan;
import static dev.tocsin.testing.api.ConfigurationDocuments.remove;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.testing.DirectoryEvents;
import dev.tocsin.testing.SmtpTestResource;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.api.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * notifier-service's part of the configuration document, {@code contactMethods} and
 * {@code notificationRules}: checked as the
 * contact method's PUT checks it, planned against the people the same document defines, applied
 * only for people the directory knows, and exported so that it plans back to no change.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpTestResource.class, restrictToAnnotatedClass = false)
class ContactMethodConfigurationIT {

    @Inject
    AgroalDataSource dataSource;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aContactMethodOfAPersonTheDocumentDefinesPlansButAppliesOnlyOnceTheDirectoryKnowsThem() {
        String grace = "grace-" + run;
        ObjectNode document = addAll(exported(), """
                people:
                  - {id: %1$s, name: Grace, timeZone: UTC}
                contactMethods:
                  - {person: %1$s, id: work, type: EMAIL, address: grace@example.com}
                  - {person: %1$s, id: home, type: EMAIL, address: grace@home.example.com}
                """.formatted(grace));
        int at = document.get("contactMethods").size() - 2;

        plan(document).statusCode(200).body("changes.findAll { it.action == 'create' }.id",
                hasItems(grace + "/work", grace + "/home"));
        apply(document).statusCode(400).body("errors.field",
                equalTo(List.of("contactMethods[" + at + "].person", "contactMethods[" + (at + 1) + "].person")));
        methods(grace).body("", hasSize(0));

        new DirectoryEvents(dataSource).people(grace);
        apply(document).statusCode(200);
        methods(grace).body("id", equalTo(List.of("home", "work")));
        plan(exportedText()).statusCode(200).body("changes", empty());

        remove(document, "contactMethods", "address", "grace@home.example.com");
        apply(document).statusCode(200).body("changes[0].action", equalTo("delete"));
        methods(grace).body("id", equalTo(List.of("work")));
    }

    @Test
    void aBadAddressIsNamedByItsDocumentPathAndNothingIsWritten() {
        String heidi = "heidi-" + run;
        new DirectoryEvents(dataSource).people(heidi);
        ObjectNode document = addAll(exported(), """
                contactMethods:
                  - {person: %1$s, id: work, type: EMAIL, address: heidi@example.com}
                  - {person: %1$s, id: pager, type: EMAIL, address: not an address}
                """.formatted(heidi));
        int at = document.get("contactMethods").size() - 1;

        apply(document).statusCode(400).body("errors.field", equalTo(List.of("contactMethods[" + at + "].address")));
        methods(heidi).body("", hasSize(0));
    }

    @Test
    void notificationRulesApplyAfterTheMethodsTheyNameAndGoBeforeThem() {
        String ivan = "ivan-" + run;
        new DirectoryEvents(dataSource).people(ivan);
        ObjectNode document = addAll(exported(), """
                contactMethods:
                  - {person: %1$s, id: work, type: EMAIL, address: ivan@example.com}
                  - {person: %1$s, id: home, type: EMAIL, address: ivan@home.example.com}
                  - {person: %1$s, id: mobile, type: SMS, address: "+1 555 010 9999"}
                notificationRules:
                  - person: %1$s
                    rules: [{contactMethod: work, delay: PT0S}, {contactMethod: home, delay: PT5M}]
                """.formatted(ivan));
        apply(document).statusCode(200);
        rules(ivan).body("defaults", equalTo(false)).body("rules.delay", equalTo(List.of("PT0S", "PT5M")));
        // Exported, the phone number stays a string (a plain +15550109999 would read back as a number).
        plan(exportedText()).statusCode(200).body("changes", empty());

        // The home address and the rule naming it go in one apply: the rules change first.
        remove(document, "contactMethods", "address", "ivan@home.example.com");
        ObjectNode rules = (ObjectNode) last(document, "notificationRules");
        ((com.fasterxml.jackson.databind.node.ArrayNode) rules.get("rules")).remove(1);
        apply(document).statusCode(200);
        methods(ivan).body("id", equalTo(List.of("mobile", "work")));
        rules(ivan).body("rules.contactMethod", equalTo(List.of("work")));

        // A rule naming a method the person does not have is named by its path; nothing changes.
        ((ObjectNode) rules.get("rules").get(0)).put("contactMethod", "pager");
        int at = document.get("notificationRules").size() - 1;
        apply(document).statusCode(400).body("errors.field",
                equalTo(List.of("notificationRules[" + at + "].rules[0].contactMethod")));
        rules(ivan).body("rules.contactMethod", equalTo(List.of("work")));

        // Listed no more: the defaults apply again.
        remove(document, "notificationRules", "person", ivan);
        apply(document).statusCode(200);
        rules(ivan).body("defaults", equalTo(true));
    }

    private static com.fasterxml.jackson.databind.JsonNode last(ObjectNode document, String section) {
        return document.get(section).get(document.get(section).size() - 1);
    }

    private static io.restassured.response.ValidatableResponse rules(String person) {
        return given().header("Authorization", TestTokens.ADMIN).get("/api/v1/users/" + person + "/notification-rules")
                .then().statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse methods(String person) {
        return given().header("Authorization", TestTokens.ADMIN).get("/api/v1/users/" + person + "/contact-methods")
                .then().statusCode(200);
    }
}
