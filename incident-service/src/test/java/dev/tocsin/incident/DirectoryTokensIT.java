package dev.tocsin.incident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.eventing.directory.TokenSecrets;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.directory.MembershipSaved;
import dev.tocsin.events.directory.TeamRole;
import dev.tocsin.events.directory.TeamSaved;
import dev.tocsin.events.directory.TokenIssued;
import dev.tocsin.events.directory.TokenRevoked;
import dev.tocsin.events.directory.TokenSubject;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TocsinTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A token escalation-service issued is accepted by incident-service once its directory event is
 * projected here, and refused once its revocation is: incident-service checks it against its own
 * tables, never asking escalation-service. One test runs one service, so the directory events are
 * produced onto {@code tocsin.directory} as escalation-service's outbox would publish them
 * (escalation-service's {@code TeamTokensIT} shows it publishing them).
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class DirectoryTokensIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    Clock clock;

    @Test
    void aTokenIssuedElsewhereWorksHereOnceProjectedAndStopsWhenRevoked() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String team = "payments-" + run;
        String alice = "alice-" + run;
        String secret = TokenSecrets.generate();
        String strangerSecret = TokenSecrets.generate();
        String tokenId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        send(new TeamSaved(team, "Payments", "Europe/Berlin", null, "bootstrap:admin", now),
                new MembershipSaved(team, alice, TeamRole.RESPONDER, "bootstrap:admin", now),
                new TokenIssued(tokenId, TokenSecrets.sha256(secret), new TokenSubject(TokenSubject.Kind.PERSON, alice),
                        Map.of(team, TeamRole.RESPONDER), now.plus(Duration.ofDays(1)), "bootstrap:admin", now),
                // A person who is no member of the team: the token is known, and may do nothing.
                new TokenIssued(UUID.randomUUID().toString(), TokenSecrets.sha256(strangerSecret),
                        new TokenSubject(TokenSubject.Kind.PERSON, "mallory-" + run), Map.of(team, TeamRole.ADMIN),
                        now.plus(Duration.ofDays(1)), "bootstrap:admin", now));

        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", "Bearer " + secret)
                .get("/api/v1/pages").then().statusCode(200));
        // Keyed by token, the stranger's token may sit on a partition the consumer has not reached yet.
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", "Bearer " + strangerSecret)
                .get("/api/v1/pages").then().statusCode(403).body("detail", containsString("'viewer'")));
        // A secret nobody issued is as unknown as any wrong token.
        given().header("Authorization", "Bearer " + TokenSecrets.generate()).get("/api/v1/pages").then()
                .statusCode(401);

        send(new TokenRevoked(tokenId, "person:" + alice, clock.instant()));
        Awaitility.await().atMost(WAIT).untilAsserted(() -> given().header("Authorization", "Bearer " + secret)
                .get("/api/v1/pages").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer")));
    }

    private void send(IntegrationEvent... events) {
        try (KafkaProducer<String, String> producer = Infrastructure.producer()) {
            for (IntegrationEvent event : events) {
                producer.send(CloudEventRecords.toRecord(event, "/tocsin/escalation-service", clock.instant()))
                        .get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new AssertionError("could not produce directory events", e);
        }
    }
}
