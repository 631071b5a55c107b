package dev.tocsin.ingest;

import dev.tocsin.testing.TableRows;
import static dev.tocsin.ingest.Intake.ADMIN;
import static dev.tocsin.ingest.Intake.alert;
import static dev.tocsin.ingest.Intake.post;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The {@code alerts} and {@code alert_groups} projections can be dropped and rebuilt from the event
 * store alone, giving back exactly the rows the live pipeline wrote (DESIGN.md: projections can be
 * rebuilt from events; the one rebuild of tocsin-eventing's {@code rebuild} package).
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class ProjectionRebuildIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource database;

    @Test
    void theRebuiltTablesEqualTheOnesThePipelineWrote() throws Exception {
        String service = "payments-" + UUID.randomUUID().toString().substring(0, 8);
        String key = Intake.createKey(service).secret();
        String run = UUID.randomUUID().toString();
        var repeated = alert(Map.of("alertname", "PaymentsLatency", "run", run), Map.of("summary", "p99 > 2s"), null);
        var flapping = alert(Map.of("alertname", "PaymentsDown", "severity", "warning", "run", run), Map.of(), null);
        String past = Instant.now().minusSeconds(1).toString();
        try (TopicReader alerts = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.ALERTS)) {
            // One alert opened and repeated; one opened, resolved and opened again as a second alert
            // of the same dedup key, which the rebuild must restore without breaking "one open per key".
            post(key, List.of(repeated, flapping)).statusCode(202);
            Awaitility.await().atMost(WAIT).until(() -> triggered(alerts, run) == 2);
            post(key, List.of(repeated, alert(Map.of("alertname", "PaymentsDown", "severity", "warning", "run", run),
                    Map.of(), past))).statusCode(202);
            Awaitility.await().atMost(WAIT).until(() -> rows("where labels->>'run' = '" + run + "'").toString()
                    .contains("RESOLVED"));
            post(key, List.of(flapping)).statusCode(202);
            Awaitility.await().atMost(WAIT).until(() -> triggered(alerts, run) == 3);
            Awaitility.await().atMost(WAIT).until(() -> rows("where labels->>'run' = '" + run + "' and count = 2")
                    .size() == 1);
            assertEquals(3, rows("where labels->>'run' = '" + run + "'").size());

            // A storm: critical alerts page on this service, and the two past the fifth join a grouped page.
            Directory.services(service);
            given().header("Authorization", ADMIN).contentType(ContentType.JSON).body("{\"name\":\"" + service
                    + "\",\"criticality\":\"USER_FACING\",\"urgencyRules\":[{\"matchers\":[{\"name\":"
                    + "\"severity\",\"op\":\"=\",\"value\":\"critical\"}],\"urgency\":\"PAGE\"}]}")
                    .put("/api/v1/services/" + service).then().statusCode(201);
            List<Map<String, Object>> storm = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                storm.add(alert(Map.of("alertname", "PaymentsStorm" + i, "severity", "critical", "run", run),
                        Map.of(), null));
            }
            post(key, storm.subList(0, 4)).statusCode(202);
            post(key, storm.subList(4, 7)).statusCode(202);
            // The group is published after its wait; only then does the pipeline leave its row alone.
            Awaitility.await().atMost(WAIT).until(() -> groupedPages(alerts, service) == 1);
        }

        given().post("/api/v1/admin/rebuild").then().statusCode(401);
        // Compare the whole table, so wait until no signal (of this or another test) is still in flight.
        awaitPipelineIdle();
        List<List<String>> before = rows("");
        List<List<String>> groupsBefore = rows("alert_groups", "");
        assertEquals(1, rows("alert_groups", "where service = '" + service + "' and members = 2").size());
        // Damage the projections: the rebuild must restore them from the events, not leave them as found.
        execute("update alerts set count = 99, summary = 'damaged' where labels->>'run' = '" + run + "'");
        execute("delete from alerts where status = 'RESOLVED' and labels->>'run' = '" + run + "'");
        execute("update alert_groups set members = 0, summary = 'damaged' where service = '" + service + "'");
        var rebuilt = given().header("Authorization", ADMIN).post("/api/v1/admin/rebuild")
                .then().statusCode(200).extract();
        assertEquals(before, rows(""));
        assertEquals(groupsBefore, rows("alert_groups", ""));
        assertEquals(before.size(), (int) rebuilt.path("rows.alerts"));
        assertEquals(groupsBefore.size(), (int) rebuilt.path("rows.alert_groups"));
    }

    /** Waits until the service's consumer group has committed every signal on the topic. */
    private static void awaitPipelineIdle() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.kafkaBootstrapServers()))) {
            Awaitility.await("alert-ingest consumed every signal").atMost(WAIT).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("alert-ingest")
                        .partitionsToOffsetAndMetadata().get();
                var partitions = admin.describeTopics(List.of(Topics.ALERT_SIGNALS)).allTopicNames().get()
                        .get(Topics.ALERT_SIGNALS).partitions().stream()
                        .map(p -> new TopicPartition(Topics.ALERT_SIGNALS, p.partition()))
                        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
                return admin.listOffsets(partitions).all().get().entrySet().stream().allMatch(end -> {
                    OffsetAndMetadata done = committed.get(end.getKey());
                    return end.getValue().offset() == (done == null ? 0 : done.offset());
                });
            });
        }
    }

    private static int triggered(TopicReader alerts, String run) {
        alerts.poll();
        return alerts.all(AlertTriggered.class, t -> run.equals(t.labels().get("run"))).size();
    }

    /** Grouped pages published for the service. */
    private static int groupedPages(TopicReader alerts, String service) {
        alerts.poll();
        return alerts.all(AlertTriggered.class, t -> service.equals(t.service())
                && "AlertStorm".equals(t.labels().get("alertname"))).size();
    }

    private List<List<String>> rows(String where) throws SQLException {
        return rows("alerts", where);
    }

    /** Every column of the table's matching rows, as PostgreSQL prints them, in id order. */
    private List<List<String>> rows(String table, String where) throws SQLException {
        return TableRows.select(database, "select * from " + table + " " + where + " order by id");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
