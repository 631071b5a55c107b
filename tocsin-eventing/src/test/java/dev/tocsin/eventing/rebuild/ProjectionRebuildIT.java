package dev.tocsin.eventing.rebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.eventing.EventStore;
import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.events.Topics;
import dev.tocsin.testing.Infrastructure;
import dev.tocsin.testing.TableRows;
import dev.tocsin.testing.TocsinTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Given projections of the event store and of a topic whose tables were damaged, when the service
 * rebuilds them, then each table holds again exactly what its events fold to; and a second
 * rebuild of the service waits for none: it is refused while one runs.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class ProjectionRebuildIT {

    @Inject
    ProjectionRebuild rebuild;

    @Inject
    EventStore store;

    @Inject
    AgroalDataSource database;

    @BeforeEach
    void tables() throws Exception {
        execute(Tallies.TABLE);
        execute(Records.TABLE);
    }

    @Test
    void theRebuiltTablesHoldWhatTheEventsFoldTo() throws Throwable {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // More tallies than a batch holds (the test's batch size is 2), each with its own number of events.
        List<EventStore.Append<Tallies.Counted>> appends = new ArrayList<>();
        List<List<String>> expected = new ArrayList<>();
        for (int t = 1; t <= 5; t++) {
            List<Tallies.Counted> events = new ArrayList<>();
            for (int n = 1; n <= t; n++) {
                events.add(new Tallies.Counted.By("who-" + n));
            }
            appends.add(new EventStore.Append<>(run + "-" + t, 0, events));
            expected.add(List.of(run + "-" + t, Integer.toString(t), "who-" + t));
        }
        VertxContextSupport.subscribeAndAwait(() -> Sql.transaction(c -> store.append(c, Tallies.EVENTS, appends)));
        List<String> keys = new ArrayList<>();
        try (KafkaProducer<String, String> producer = Infrastructure.producer()) {
            for (int r = 0; r < 3; r++) {
                keys.add(run + "-record-" + r);
                producer.send(new ProducerRecord<>(Topics.ALERTS, keys.get(r), "{}")).get();
            }
        }
        // Damage: a tally counted wrong, a record that never was.
        execute("insert into rebuild_test_tallies values ('" + run + "-1', 99, 'nobody')");
        execute("insert into rebuild_test_records values (99, 99, '" + run + "-record-stray')");

        Rebuilt rebuilt = rebuild.rebuild();

        assertEquals(expected, TableRows.select(database,
                "select * from rebuild_test_tallies where id like ? order by id", run + "-%"));
        assertEquals(keys, TableRows.select(database, "select record_key from rebuild_test_records "
                + "where record_key like ? order by record_key", run + "-%").stream().map(row -> row.get(0)).toList());
        assertTrue(rebuilt.events() >= 15 + 3, rebuilt.toString());
        assertEquals(count("rebuild_test_tallies"), rebuilt.rows().get("rebuild_test_tallies"));
        assertEquals(count("rebuild_test_records"), rebuilt.rows().get("rebuild_test_records"));
    }

    @Test
    void aRebuildWhileAnotherRunsIsRefused() throws Exception {
        // Another replica's rebuild holds the service's rebuild lock, as this connection now does.
        try (Connection other = database.getConnection(); Statement lock = other.createStatement()) {
            lock.execute("select pg_advisory_lock(hashtext('tocsin.rebuild.' || current_schema()))");
            ProblemException refused = assertThrows(ProblemException.class, rebuild::rebuild);
            assertEquals(409, refused.problem().status());
            lock.execute("select pg_advisory_unlock(hashtext('tocsin.rebuild.' || current_schema()))");
        }
        rebuild.rebuild();
    }

    private long count(String table) throws Exception {
        return Long.parseLong(TableRows.select(database, "select count(*) from " + table).get(0).get(0));
    }

    private void execute(String sql) throws Exception {
        try (Connection c = database.getConnection(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }
}
