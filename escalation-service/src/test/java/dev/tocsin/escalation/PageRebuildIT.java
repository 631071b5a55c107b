package dev.tocsin.escalation;

import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TableRows;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tocsin.eventing.CloudEventRecords;
import dev.tocsin.eventing.DeadlineEngine;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.testing.TocsinTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The {@code pages} projection, and the on-call load's {@code load_pages} and {@code load_reached},
 * can be dropped and rebuilt from the Page events alone, giving back
 * exactly the rows the live consumers, the deadline engine and the API wrote (docs/design.md:
 * projections can be rebuilt from events; a test proves it for each service).
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class PageRebuildIT {

    private static final String ADMIN = "Bearer test-admin-token";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TestClock clock;

    @Inject
    DeadlineEngine engine;

    @Inject
    AgroalDataSource database;

    @Test
    void theRebuiltPagesEqualTheOnesTheLiveFlowWrote() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String service = "rebuild-" + run;
        String stray = "nowhere-" + run;
        configure(run, service);
        try (KafkaProducer<String, String> producer = Infrastructure.producer()) {
            // Every kind of row: one page that escalated, was acknowledged and resolved (its notified list
            // grew twice), one nobody could be paged for (its reason), and one still open.
            AlertTriggered escalating = alert(service);
            send(producer, escalating);
            String escalatingPage = awaitPage(escalating, "OPEN");
            clock.advance(Duration.ofMinutes(5).plusSeconds(1));
            engine.wake();
            Awaitility.await().atMost(WAIT).until(() -> rows("where id = '" + escalatingPage + "' and step = 2")
                    .size() == 1);
            given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"by\":\"bob-" + run + "\"}")
                    .post("/api/v1/pages/" + escalatingPage + "/acknowledge").then().statusCode(200);
            send(producer, new AlertResolved(escalating.alertId(), escalating.dedupKey(), service, Instant.now()));
            awaitPage(escalating, "RESOLVED");

            AlertTriggered unroutable = alert(stray);
            send(producer, unroutable);
            awaitPage(unroutable, "UNROUTED");
            AlertTriggered open = alert(service);
            send(producer, open);
            String openPage = awaitPage(open, "OPEN");

            String ours = "where service in ('" + service + "', '" + stray + "')";
            List<List<String>> before = rows(ours);
            assertEquals(3, before.size());
            List<List<String>> loadBefore = loadRows(service, stray);
            assertEquals(3 + 2, loadBefore.size(), "three pages, two of them reached someone");

            // Damage the projection: a row lost, a row's state and notified list wrong, a reason gone.
            execute("delete from pages where id = '" + openPage + "'");
            execute("update pages set status = 'OPEN', step = 9, notified = '[]' where id = '" + escalatingPage + "'");
            execute("update pages set reason = null where service = '" + stray + "'");
            execute("delete from load_reached where page_id = '" + escalatingPage + "'");
            execute("update load_pages set acknowledged_at = null where page_id = '" + escalatingPage + "'");
            assertNotEquals(before, rows(ours));
            assertNotEquals(loadBefore, loadRows(service, stray));

            given().post("/api/v1/admin/rebuild").then().statusCode(401);
            given().header("Authorization", ADMIN).post("/api/v1/admin/rebuild").then().statusCode(200)
                    .body("rows.pages", greaterThanOrEqualTo(3))
                    .body("events", greaterThanOrEqualTo(6));
            assertEquals(before, rows(ours));
            assertEquals(loadBefore, loadRows(service, stray));

            // The live writer carries on from the rebuilt row.
            send(producer, new AlertResolved(open.alertId(), open.dedupKey(), service, Instant.now()));
            awaitPage(open, "RESOLVED");
        }
    }

    @Test
    void aRebuildWhileAnotherRunsIsRefused() throws Exception {
        // Another replica's rebuild holds the service's rebuild lock, as this connection now does.
        try (Connection other = database.getConnection(); PreparedStatement lock = other.prepareStatement(
                "select pg_advisory_lock(hashtext('tocsin.rebuild.' || current_schema()))")) {
            lock.execute();
            given().header("Authorization", ADMIN).post("/api/v1/admin/rebuild").then().statusCode(409)
                    .contentType("application/problem+json");
            try (PreparedStatement unlock = other.prepareStatement(
                    "select pg_advisory_unlock(hashtext('tocsin.rebuild.' || current_schema()))")) {
                unlock.execute();
            }
        }
        given().header("Authorization", ADMIN).post("/api/v1/admin/rebuild").then().statusCode(200);
    }

    private void configure(String run, String service) {
        put("/api/v1/users/alice-" + run, "{\"name\":\"Alice\",\"timeZone\":\"Europe/Berlin\"}");
        put("/api/v1/users/bob-" + run, "{\"name\":\"Bob\",\"timeZone\":\"Europe/Berlin\"}");
        put("/api/v1/schedules/" + service, "{\"name\":\"Rebuild\",\"timeZone\":\"UTC\",\"rotation\":"
                + "{\"start\":\"2020-01-06T09:00:00\",\"shiftLength\":\"P7D\",\"participants\":[\"alice-" + run
                + "\",\"bob-" + run + "\"]}}");
        put("/api/v1/escalation-policies/" + service, "{\"name\":\"Rebuild\",\"repeat\":0,\"steps\":["
                + "{\"targets\":[{\"type\":\"SCHEDULE_PRIMARY\",\"id\":\"" + service + "\"}],\"deadline\":\"PT5M\"},"
                + "{\"targets\":[{\"type\":\"SCHEDULE_SECONDARY\",\"id\":\"" + service + "\"}],\"deadline\":\"PT5M\"}]}");
        put("/api/v1/services/" + service, "{\"name\":\"Rebuild\",\"criticality\":\"CRITICAL\","
                + "\"escalationPolicy\":\"" + service + "\"}");
    }

    private static void put(String path, String body) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body).put(path)
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
    }

    private static AlertTriggered alert(String service) {
        String id = "alert-" + UUID.randomUUID();
        return new AlertTriggered(id, "fp-" + id, service, "Rebuild test " + id, "critical", Urgency.PAGE, "test",
                Map.of("service", service), Map.of(), Instant.now(), null, "alertmanager-v2", Instant.now());
    }

    private static void send(KafkaProducer<String, String> producer, IntegrationEvent event) throws Exception {
        producer.send(CloudEventRecords.toRecord(event, "/test", Instant.now())).get();
    }

    /** Waits until the alert's page has the status; returns the page's id. */
    private String awaitPage(AlertTriggered alert, String status) {
        Awaitility.await(alert.alertId() + " " + status).atMost(WAIT).until(() ->
                rows("where alert_id = '" + alert.alertId() + "' and status = '" + status + "'").size() == 1);
        return given().header("Authorization", ADMIN).get("/api/v1/pages?alertId=" + alert.alertId())
                .then().statusCode(200).extract().path("[0].id");
    }

    /** Every column of the matching rows of {@code pages}, as PostgreSQL prints them, in id order. */
    private List<List<String>> rows(String where) throws SQLException {
        return TableRows.select(database, "select * from pages " + where + " order by id");
    }

    /** The on-call load's rows of the services' pages: each page's, then whom each reached when. */
    private List<List<String>> loadRows(String... services) throws SQLException {
        String ours = "service in ('" + String.join("', '", services) + "')";
        List<List<String>> rows = new java.util.ArrayList<>(TableRows.select(database,
                "select * from load_pages where " + ours + " order by page_id"));
        rows.addAll(TableRows.select(database, "select r.page_id, string_agg(r.person || '@' || r.at, ',' order by "
                + "r.at, r.person) from load_reached r join load_pages p using (page_id) where p." + ours
                + " group by r.page_id order by r.page_id"));
        return rows;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }
}
