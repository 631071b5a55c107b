package dev.tocsin.eventing;

import static dev.tocsin.eventing.Polls.alert;
import static dev.tocsin.eventing.Polls.consumed;
import static dev.tocsin.eventing.Polls.sent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.events.alert.AlertEvent;
import dev.tocsin.events.alert.AlertGroupUpdated;
import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.testing.TocsinTestResource;
import io.agroal.api.AgroalDataSource;
import io.vertx.mutiny.sqlclient.Tuple;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Given polls as Kafka hands them to a consumer, when the inbox applies them, then each event is
 * applied exactly once, in order, and a record the database refuses is parked alone.
 */
@QuarkusTest
@QuarkusTestResource(value = TocsinTestResource.class, restrictToAnnotatedClass = false)
class InboxIT {

    /** What the test handler writes; the check refuses the poisoned record, as PostgreSQL refuses a bad value. */
    private static final String TABLE = """
            create table if not exists inbox_test_applied (
                n        bigserial primary key,
                consumer text not null,
                event_id uuid not null,
                summary  text not null check (summary <> 'poison'))""";

    @Inject
    Inbox inbox;

    @Inject
    AgroalDataSource database;

    @BeforeEach
    void table() throws Exception {
        try (Connection c = database.getConnection()) {
            c.createStatement().execute(TABLE);
        }
    }

    @Test
    void anEventSeenTwiceInOnePollAndAgainInTheNextIsAppliedOnce() throws Throwable {
        String consumer = "dedup-" + UUID.randomUUID();
        ProducerRecord<String, String> a = sent(alert("a-" + UUID.randomUUID(), "a"));
        ProducerRecord<String, String> b = sent(alert("b-" + UUID.randomUUID(), "b"));
        ProducerRecord<String, String> c = sent(alert("c-" + UUID.randomUUID(), "c"));

        // The producer retried a send: the same event twice in one poll.
        consume(consumer, List.of(consumed(a, 0, 0), consumed(a, 0, 1), consumed(b, 0, 2)));
        // The consumer crashed before committing its offset: the poll comes again, with a new record behind it.
        consume(consumer, List.of(consumed(a, 0, 0), consumed(a, 0, 1), consumed(b, 0, 2), consumed(c, 0, 3)));

        assertEquals(List.of("a", "b", "c"), applied(consumer));
        assertEquals(3, count("select count(*) from inbox where consumer = ?", consumer));
    }

    @Test
    void aPollWithOnePoisonedRecordParksExactlyThatOneAndAppliesTheRestOnceInOrder() throws Throwable {
        String consumer = "poison-" + UUID.randomUUID();
        List<ConsumerRecord<String, String>> poll = new ArrayList<>();
        IntStream.range(0, 9).forEach(i -> poll.add(consumed(sent(alert("p" + i + "-" + UUID.randomUUID(),
                i == 5 ? "poison" : "s" + i)), 1, 100 + i)));

        consume(consumer, poll);

        assertEquals(List.of("s0", "s1", "s2", "s3", "s4", "s6", "s7", "s8"), applied(consumer));
        assertEquals(1, count("select count(*) from dead_letters where consumer = ?", consumer));
        assertEquals(105, count("select record_offset from dead_letters where consumer = ?", consumer));
        // The parked record left no inbox row: a retry after a fix applies it, once.
        assertEquals(8, count("select count(*) from inbox where consumer = ?", consumer));

        // Redelivered whole, the poll adds nothing to what was applied.
        consume(consumer, poll);
        assertEquals(8, applied(consumer).size());
    }

    private void consume(String consumer, List<ConsumerRecord<String, String>> poll) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> inbox.consume(consumer, AlertEvent.class, poll,
                fresh -> switch (fresh.event()) {
                    case AlertTriggered triggered -> record(consumer, fresh.id(), triggered.summary());
                    case AlertResolved resolved -> record(consumer, fresh.id(), "resolved");
                    case AlertGroupUpdated updated -> record(consumer, fresh.id(), "group");
                }));
    }

    private static Uni<Void> record(String consumer, UUID eventId, String summary) {
        return Sql.connection().preparedQuery("insert into inbox_test_applied (consumer, event_id, summary) values ($1, $2, $3)")
                .execute(Tuple.of(consumer, eventId, summary)).replaceWithVoid();
    }

    private List<String> applied(String consumer) throws Exception {
        List<String> summaries = new ArrayList<>();
        try (Connection c = database.getConnection(); PreparedStatement select = c.prepareStatement(
                "select summary from inbox_test_applied where consumer = ? order by n")) {
            select.setString(1, consumer);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    summaries.add(rows.getString(1));
                }
            }
        }
        return summaries;
    }

    private long count(String sql, String consumer) throws Exception {
        try (Connection c = database.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, consumer);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        }
    }
}
