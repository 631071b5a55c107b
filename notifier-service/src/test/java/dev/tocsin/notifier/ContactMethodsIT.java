package dev.tocsin.notifier;

import static dev.tocsin.notifier.Api.ADMIN;
import static dev.tocsin.notifier.Api.put;
import static dev.tocsin.notifier.Api.putEmail;
import static dev.tocsin.notifier.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.tocsin.events.directory.PersonDeleted;
import dev.tocsin.testing.DirectoryEvents;
import dev.tocsin.testing.SmtpTestResource;
import io.agroal.api.AgroalDataSource;
import dev.tocsin.testing.TocsinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contact methods API and the service's operational endpoints, against real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = SmtpTestResource.class, restrictToAnnotatedClass = false)
class ContactMethodsIT {

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void contactMethodsAreValidatedReplacedAndDeleted() {
        String erin = unique("erin");
        String path = "/api/v1/users/" + erin + "/contact-methods/work";

        put(path, "{\"type\":\"SMS\",\"address\":\"12345\"}").statusCode(400)
                .body("errors[0].field", equalTo("address"))
                .body("detail", containsString("E.164"));
        put(path, "{\"type\":\"EMAIL\",\"address\":\"not an email\"}").statusCode(400)
                .body("errors[0].field", equalTo("address"));
        put(path, "{\"type\":\"EMAIL\"}").statusCode(400)
                .body("errors[0].field", equalTo("address"));
        put(path, "{\"type\":\"PIGEON\",\"address\":\"erin@example.com\"}").statusCode(400)
                .body("errors[0].field", equalTo("type"));
        put("/api/v1/users/" + erin + "/contact-methods/bad%20id", "{\"type\":\"EMAIL\",\"address\":\"e@example.com\"}")
                .statusCode(400).body("errors[0].field", equalTo("id"));
        given().header("Authorization", ADMIN)
                .get("/api/v1/users/" + erin + "/contact-methods").then().body("", hasSize(0));

        putEmail(erin, "work", "erin@old.example.com").statusCode(201);
        putEmail(erin, "work", "erin@new.example.com").statusCode(200).body("address", equalTo("erin@new.example.com"));
        given().header("Authorization", ADMIN).get("/api/v1/users/" + erin + "/contact-methods").then().statusCode(200)
                .body("", hasSize(1)).body("[0].address", equalTo("erin@new.example.com"));

        given().header("Authorization", ADMIN).delete(path).then().statusCode(204);
        given().header("Authorization", ADMIN)
                .get("/api/v1/users/" + erin + "/contact-methods").then().body("", hasSize(0));
        given().header("Authorization", ADMIN).delete(path).then().statusCode(404);
    }

    @Test
    void aContactMethodForAPersonTheDirectoryDoesNotKnowIsRefusedNamingThem() {
        String frank = unique("frank");
        String path = "/api/v1/users/" + frank + "/contact-methods/work";
        String body = "{\"type\":\"EMAIL\",\"address\":\"frank@example.com\"}";

        // Never published by escalation-service: nobody could page frank, so his address is refused.
        put(path, body).statusCode(400).body("errors[0].field", equalTo("userId"))
                .body("errors[0].message", containsString("'" + frank + "'"));
        given().header("Authorization", ADMIN).get("/api/v1/users/" + frank + "/contact-methods").then()
                .body("", hasSize(0));

        // Once the directory knows him, the same request is accepted.
        new DirectoryEvents(dataSource).people(frank);
        put(path, body).statusCode(201);

        // Deleted from the directory, he can get no new contact method.
        new DirectoryEvents(dataSource).publish(new PersonDeleted(frank, "bootstrap:admin", Instant.now()));
        put("/api/v1/users/" + frank + "/contact-methods/home", body).statusCode(400)
                .body("errors[0].field", equalTo("userId"));
    }

    @Test
    void healthMetricsAndApiDocsAreServed() {
        // Ready once the directory projection caught up with the topic, within its consumer's commit interval.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("tocsin_deliveries_total{channel=\"email\",outcome=\"sent\"}"))
                .body(containsString("tocsin_deliveries_total{channel=\"none\",outcome=\"abandoned\"}"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/users/{userId}/contact-methods"));
    }
}
