package dev.tocsin.escalation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.events.Topics;
import dev.tocsin.events.directory.PersonDeleted;
import dev.tocsin.events.directory.PersonSaved;
import dev.tocsin.events.directory.ServiceDeleted;
import dev.tocsin.events.directory.ServiceSaved;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import dev.tocsin.testing.api.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * escalation-service publishes the directory's people and services on {@code tocsin.directory},
 * written through the outbox in the change's transaction, so every other service's projection
 * follows each change: a saved person or service, with its team; a deletion; and nothing for a
 * change that was refused.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class DirectoryPublishingIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void peopleAndServicesArePublishedAsTheyChange() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String person = "dana-" + run;
        String service = "ledger-" + run;
        String team = "ledgers-" + run;
        try (TopicReader directory = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.DIRECTORY)) {
            call().body("{\"id\":\"" + team + "\",\"name\":\"Ledgers\",\"timeZone\":\"UTC\"}").post("/api/v1/teams")
                    .then().statusCode(201);
            call().body("{\"name\":\"Dana\",\"timeZone\":\"Asia/Kolkata\"}").put("/api/v1/users/" + person).then()
                    .statusCode(201);
            PersonSaved saved = directory.await(PersonSaved.class, e -> e.personId().equals(person), WAIT);
            assertEquals("Dana", saved.name());
            assertEquals("Asia/Kolkata", saved.timeZone());
            assertEquals("bootstrap:admin", saved.savedBy());

            call().body("{\"name\":\"Ledger\",\"criticality\":\"LOW\",\"team\":\"" + team + "\"}")
                    .put("/api/v1/services/" + service).then().statusCode(201);
            ServiceSaved serviceSaved = directory.await(ServiceSaved.class, e -> e.serviceId().equals(service), WAIT);
            assertEquals(team, serviceSaved.team());
            assertEquals("LOW", serviceSaved.criticality());

            // Refused: nothing is written, so nothing is published.
            call().body("{\"name\":\"Ledger\",\"criticality\":\"LOW\",\"team\":\"no-such-team-" + run + "\"}")
                    .put("/api/v1/services/" + service).then().statusCode(400);
            call().body("{\"name\":\"\",\"timeZone\":\"Mars/Olympus\"}").put("/api/v1/users/" + person).then()
                    .statusCode(400);

            call().delete("/api/v1/services/" + service).then().statusCode(204);
            directory.await(ServiceDeleted.class, e -> e.serviceId().equals(service), WAIT);
            call().delete("/api/v1/users/" + person).then().statusCode(204);
            directory.await(PersonDeleted.class, e -> e.personId().equals(person), WAIT);
            // Deleting what is gone changes nothing and publishes nothing.
            call().delete("/api/v1/users/" + person).then().statusCode(404);

            directory.poll();
            assertEquals(List.of(serviceSaved), directory.all(ServiceSaved.class, e -> e.serviceId().equals(service)));
            assertEquals(List.of(saved), directory.all(PersonSaved.class, e -> e.personId().equals(person)));
            assertEquals(1, directory.all(PersonDeleted.class, e -> e.personId().equals(person)).size());
        }
    }

    private static RequestSpecification call() {
        return given().header("Authorization", TestTokens.ADMIN).contentType(ContentType.JSON);
    }
}
