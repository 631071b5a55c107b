package dev.tocsin.escalation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.eventing.DeadlineEngine;
import dev.tocsin.escalation.page.store.Pages;
import dev.tocsin.events.Topics;
import dev.tocsin.events.page.PageEscalated;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TocsinTestResource;
import dev.tocsin.testing.TopicReader;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What was stored before pages kept their policy and steps named several targets: V101 rewrites
 * stored policies and services, and a page opened before runs on by reading the live policy once.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class StoredBeforeSnapshotsIT {

    private static final String ADMIN = "Bearer test-admin-token";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TopicReader published;

    @Inject
    TestClock clock;

    @Inject
    DeadlineEngine engine;

    @Inject
    AgroalDataSource database;

    @AfterAll
    static void close() {
        if (published != null) {
            published.close();
        }
    }

    @Test
    void theMigrationRewritesOneTargetStepsAndTheOldCriticalityNames() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        execute("insert into escalation_policies (id, body, updated_at) values ('old-" + run + "', cast('"
                + "{\"id\":\"old-" + run + "\",\"name\":\"Old\",\"repeat\":1,\"steps\":["
                + "{\"target\":{\"type\":\"USER\",\"id\":\"alice\"},\"deadline\":\"PT5M\"},"
                + "{\"target\":{\"type\":\"SCHEDULE_SECONDARY\",\"id\":\"s\"},\"deadline\":\"PT10M\"}]}' as jsonb), now())");
        execute("insert into services (id, body, updated_at) values ('old-" + run + "', cast('{\"id\":\"old-" + run
                + "\",\"name\":\"Old\",\"criticality\":\"INTERNAL\",\"escalationPolicy\":\"old-" + run
                + "\"}' as jsonb), now())");

        try (InputStream in = getClass().getResourceAsStream("/db/migration/V101__policy_step_targets.sql")) {
            execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }

        assertEquals("[{\"targets\": [{\"id\": \"alice\", \"type\": \"USER\"}], \"deadline\": \"PT5M\"}, "
                + "{\"targets\": [{\"id\": \"s\", \"type\": \"SCHEDULE_SECONDARY\"}], \"deadline\": \"PT10M\"}]",
                query("select cast(body -> 'steps' as text) from escalation_policies where id = 'old-" + run + "'"));
        assertEquals("LOW", query("select body ->> 'criticality' from services where id = 'old-" + run + "'"));
    }

    @Test
    void aPageOpenedBeforeSnapshotsReadsTheLivePolicyOnceAndKeepsIt() throws Exception {
        published = new TopicReader(Infrastructure.kafkaBootstrapServers(), Topics.PAGES);
        put("/api/v1/users/alice", "{\"name\":\"Alice\",\"timeZone\":\"UTC\"}");
        put("/api/v1/users/bob", "{\"name\":\"Bob\",\"timeZone\":\"UTC\"}");
        put("/api/v1/users/carol", "{\"name\":\"Carol\",\"timeZone\":\"UTC\"}");
        put("/api/v1/escalation-policies/legacy-policy", "{\"name\":\"Legacy\",\"repeat\":0,\"steps\":["
                + "{\"targets\":[{\"type\":\"USER\",\"id\":\"alice\"}],\"deadline\":\"PT5M\"},"
                + "{\"targets\":[{\"type\":\"USER\",\"id\":\"bob\"}],\"deadline\":\"PT7M\"}]}");
        put("/api/v1/services/legacy", "{\"name\":\"Legacy\",\"criticality\":\"CRITICAL\","
                + "\"escalationPolicy\":\"legacy-policy\"}");
        String alertId = "alert-" + UUID.randomUUID();
        String pageId = Pages.idFor(alertId);
        Instant now = clock.instant();
        // An Opened event as this service stored it before pages kept their policy, and its deadline.
        try (Connection connection = database.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("insert into event_store (aggregate_type, "
                    + "aggregate_id, seq, event_id, event_type, payload, recorded_at) values ('Page', ?, 1, ?, "
                    + "'Opened', cast(? as jsonb), ?)")) {
                insert.setString(1, pageId);
                insert.setObject(2, UUID.randomUUID());
                insert.setString(3, "{\"pageId\":\"" + pageId + "\",\"alertId\":\"" + alertId + "\",\"service\":"
                        + "\"legacy\",\"policyId\":\"legacy-policy\",\"summary\":\"old\",\"severity\":\"critical\","
                        + "\"labels\":{},\"userIds\":[\"alice\"],\"at\":\"" + now + "\"}");
                insert.setTimestamp(4, Timestamp.from(now));
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("insert into deadlines (kind, ref, due_at) "
                    + "values ('page.step', ?, ?)")) {
                insert.setString(1, pageId);
                insert.setTimestamp(2, Timestamp.from(now.plus(Duration.ofMinutes(5))));
                insert.executeUpdate();
            }
        }

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        engine.wake();
        PageEscalated escalated = published.await(PageEscalated.class, e -> e.pageId().equals(pageId), WAIT);
        assertEquals(List.of("bob"), escalated.userIds());
        assertEquals("Opened,PolicyAdopted,Escalated", query("select string_agg(event_type, ',' order by seq) "
                + "from event_store where aggregate_type = 'Page' and aggregate_id = '" + pageId + "'"));
        // The live policy's step 2 deadline, now the page's own copy.
        assertEquals(Timestamp.from(clock.instant().plus(Duration.ofMinutes(7))).toInstant().toEpochMilli() / 1000,
                Long.parseLong(query("select cast(extract(epoch from due_at) as bigint) from deadlines "
                        + "where kind = 'page.step' and ref = '" + pageId + "'")));
    }

    private static void put(String path, String body) {
        given().header("Authorization", ADMIN).contentType(ContentType.JSON).body(body).put(path)
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String query(String sql) throws Exception {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
