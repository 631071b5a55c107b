package dev.tocsin.escalation.page;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.page.AcknowledgePage;
import dev.tocsin.events.page.PageAcknowledged;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A transaction that fails at commit is retried, and its metrics count once: the commit of the
 * first attempt is made to fail by a deferred trigger that raises a serialization failure (which
 * the inbox retries), so whatever that attempt counted inside the transaction would show twice.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class MetricsAfterCommitIT {

    private static final String ADMIN = "Bearer test-admin-token";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TopicReader published;
    private static KafkaProducer<String, String> producer;

    @Inject
    AgroalDataSource database;

    @Inject
    MeterRegistry registry;

    @BeforeAll
    static void connect() {
        published = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.PAGES);
        producer = Infrastructure.producer();
    }

    @AfterAll
    static void close() {
        published.close();
        producer.close();
    }

    @AfterEach
    void disarm() throws SQLException {
        sql("drop trigger if exists fail_first_commit on event_store",
                "drop function if exists fail_first_commit()",
                "drop sequence if exists fail_first_commit_attempts");
    }

    @Test
    void anAcknowledgementWhoseFirstCommitFailsIsCountedOnce() throws Exception {
        put("/api/v1/users/alice", "{\"name\":\"Alice\",\"timeZone\":\"Europe/Berlin\"}");
        put("/api/v1/schedules/after-commit-oncall", "{\"name\":\"After commit\",\"timeZone\":\"UTC\",\"rotation\":"
                + "{\"start\":\"2020-01-06T09:00:00\",\"shiftLength\":\"P7D\",\"participants\":[\"alice\"]}}");
        put("/api/v1/escalation-policies/after-commit-policy", "{\"name\":\"After commit\",\"repeat\":0,\"steps\":["
                + "{\"targets\":[{\"type\":\"SCHEDULE_PRIMARY\",\"id\":\"after-commit-oncall\"}],\"deadline\":\"PT5M\"}]}");
        put("/api/v1/services/after-commit", "{\"name\":\"After commit\",\"criticality\":\"CRITICAL\","
                + "\"escalationPolicy\":\"after-commit-policy\"}");
        String alertId = "alert-" + UUID.randomUUID();
        send(new AlertTriggered(alertId, "fp-" + alertId, "after-commit", "Checkout errors", "critical", Urgency.PAGE,
                "test", Map.of("service", "after-commit"), Map.of(), Instant.now(), null, "alertmanager-v2",
                Instant.now()));
        String pageId = published.await(PageOpened.class, p -> alertId.equals(p.alertId()), WAIT).pageId();

        // Only this test acknowledges via this source, so the counter it reads is its own.
        String via = "after-commit-" + UUID.randomUUID();
        sql("create sequence fail_first_commit_attempts",
                """
                create function fail_first_commit() returns trigger language plpgsql as $$
                begin
                    if nextval('fail_first_commit_attempts') = 1 then
                        raise exception 'first commit of the acknowledgement fails' using errcode = '40001';
                    end if;
                    return null;
                end $$""",
                "create constraint trigger fail_first_commit after insert on event_store"
                        + " deferrable initially deferred for each row when (new.aggregate_id = '" + pageId
                        + "' and new.event_type = 'Acknowledged') execute function fail_first_commit()");
        send(new AcknowledgePage(alertId, pageId, "alice", via, Instant.now()));

        published.await(PageAcknowledged.class, p -> p.pageId().equals(pageId), WAIT);
        assertTrue(attempts() >= 2, "the first commit failed and the acknowledgement was retried");
        Awaitility.await().atMost(WAIT).until(() -> acknowledged(via) >= 1);
        assertEquals(1.0, acknowledged(via), "counted by the attempt that committed, not by the one that failed");
        published.poll();
        assertEquals(1, published.all(PageAcknowledged.class, p -> p.pageId().equals(pageId)).size());
    }

    private double acknowledged(String via) {
        var counter = registry.find("tocsin.pages.acknowledged").tag("via", via).counter();
        return counter == null ? 0 : counter.count();
    }

    private long attempts() throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select last_value from fail_first_commit_attempts")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static void send(IntegrationEvent event) throws Exception {
        producer.send(CloudEventRecords.toRecord(event, "/test", Instant.now())).get();
    }

    private static void put(String path, String body) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body).put(path)
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
    }
}
