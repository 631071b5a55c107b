package dev.tocsin.ingest;

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
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
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
 * The {@code alerts} projection can be dropped and rebuilt from the event store alone, giving back
 * exactly the rows the live pipeline wrote (DESIGN.md: projections can be rebuilt from events).
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class ProjectionRebuildIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource database;

    @Test
    void theRebuiltAlertsTableEqualsTheOneThePipelineWrote() throws Exception {
        String key = Intake.createKey("payments").secret();
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
        }
        Awaitility.await().atMost(WAIT).until(() -> rows("where labels->>'run' = '" + run + "' and count = 2")
                .size() == 1);
        assertEquals(3, rows("where labels->>'run' = '" + run + "'").size());

        given().post("/api/v1/admin/rebuild-projections").then().statusCode(401);
        // Compare the whole table, so wait until no signal (of this or another test) is still in flight.
        awaitPipelineIdle();
        List<List<String>> before = rows("");
        // Damage the projection: the rebuild must restore it from the events, not leave it as found.
        execute("update alerts set count = 99, summary = 'damaged' where labels->>'run' = '" + run + "'");
        execute("delete from alerts where status = 'RESOLVED' and labels->>'run' = '" + run + "'");
        int rebuilt = given().header("Authorization", ADMIN).post("/api/v1/admin/rebuild-projections")
                .then().statusCode(200).extract().path("alerts");
        assertEquals(before, rows(""));
        assertEquals(before.size(), rebuilt);
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

    /** Every column of the matching rows, as PostgreSQL prints them, in id order. */
    private List<List<String>> rows(String where) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select * from alerts " + where + " order by id")) {
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
                    row.add(rs.getString(column));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
