package dev.tocsin.eventing.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.eventing.deadletter.Failures.Kind;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class FailuresTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                // The NUL inside JSON text that jsonb refuses: no retry can ever store it.
                Arguments.of(sql("unsupported Unicode escape sequence", "22P05"), Kind.DETERMINISTIC),
                // As Mutiny hands a statement's failure on when a caller awaits it.
                Arguments.of(new CompletionException(sql("value too long for type character varying(64)", "22001")),
                        Kind.DETERMINISTIC),
                // A foreign key or check the record breaks stays broken.
                Arguments.of(sql("violates check constraint", "23514"), Kind.DETERMINISTIC),
                // A concurrent writer: gone on a fresh load.
                Arguments.of(sql("could not serialize access", "40001"), Kind.TRANSIENT),
                Arguments.of(sql("deadlock detected", "40P01"), Kind.TRANSIENT),
                // The database went away, restarts, or is out of connections or disk.
                Arguments.of(sql("connection refused", "08001"), Kind.TRANSIENT),
                Arguments.of(sql("the database system is shutting down", "57P01"), Kind.TRANSIENT),
                Arguments.of(sql("too many connections", "53300"), Kind.TRANSIENT),
                Arguments.of(sql("canceling statement due to statement timeout", "57014"), Kind.TRANSIENT),
                // The reactive client when PostgreSQL closes the connection, wrapped as Mutiny wraps it.
                Arguments.of(new CompletionException(new VertxException("Connection closed")), Kind.TRANSIENT),
                Arguments.of(new UncheckedIOException(new ConnectException("Connection refused")), Kind.TRANSIENT),
                // The reactive pool when no connection came free in time.
                Arguments.of(new VertxException("The timeout of 30000 ms has been exceeded when getting a connection"),
                        Kind.TRANSIENT),
                // The pool a stopping service closed before its consumers stopped: the record is fine, the
                // process is going; parked, it would be a healthy record lost to the dead letters.
                Arguments.of(new io.vertx.core.impl.NoStackTraceThrowable("Pool closed"), Kind.TRANSIENT),
                // A broker failover.
                Arguments.of(new NotLeaderOrFollowerException("not leader"), Kind.TRANSIENT),
                // A handler that says the event is invalid, and JSON that cannot be mapped.
                Arguments.of(new IllegalArgumentException("shiftLength must be at least a minute"), Kind.DETERMINISTIC),
                Arguments.of(new IllegalArgumentException("cannot read AlertTriggered",
                        new com.fasterxml.jackson.core.JsonParseException(null, "Unexpected character")),
                        Kind.DETERMINISTIC),
                Arguments.of(new UnreadableRecord("unknown ce_type"), Kind.DETERMINISTIC),
                // A bug in a handler might be the record's fault or not: only repeated failures tell.
                Arguments.of(new ArithmeticException("/ by zero"), Kind.UNSURE),
                Arguments.of(new NullPointerException(), Kind.UNSURE));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void classifies(Throwable failure, Kind expected) {
        assertEquals(expected, Failures.classify(failure));
    }

    @Test
    void aConflictOnTheEventStoreIsAConcurrentWriterAndOtherUniqueViolationsAreUnsure() {
        assertEquals(Kind.TRANSIENT, Failures.ofSqlState("23505", Failures.OPTIMISTIC_LOCK));
        assertEquals(Kind.UNSURE, Failures.ofSqlState("23505", "alerts_open_dedup_key"));
    }

    @Test
    void describesInWordsWithControlCharactersEscaped() {
        Throwable failure = new CompletionException(sql("unsupported Unicode escape sequence: x\u0000y", "22P05"));
        String words = Failures.describe(failure);
        assertTrue(words.contains("unsupported Unicode escape sequence: x\\u0000y"), words);
        assertFalse(words.contains("\u0000"));
        assertEquals("invalid data (SQL state 22P05)", Failures.category(failure));
        assertEquals("unreadable record", Failures.category(new UnreadableRecord("not a CloudEvent")));
    }

    @Test
    void prefersPostgreSqlsOwnWordsOverTheWrappersStatement() {
        // As Hibernate Reactive reports it: the statement around the reactive client's error.
        Throwable failure = new jakarta.persistence.PersistenceException("error executing SQL statement [insert into "
                + "event_store ...]", new PgException("unsupported Unicode escape sequence", "ERROR", "22P05",
                        "\\u0000 cannot be converted to text."));
        assertEquals(Kind.DETERMINISTIC, Failures.classify(failure));
        assertEquals("unsupported Unicode escape sequence: \\u0000 cannot be converted to text.",
                Failures.describe(failure));
    }

    @Test
    void readsTheReasonOutOfHibernateReactivesWrapping() {
        // The notifier's contact methods are read through Hibernate Reactive, which wraps the error so.
        Throwable failure = new org.hibernate.exception.DataException("error executing SQL statement [ERROR: "
                + "unsupported Unicode escape sequence (22P05)] [insert into event_store ...]",
                new SQLException("ERROR: unsupported Unicode escape sequence (22P05)", "22P05"));
        assertEquals("unsupported Unicode escape sequence", Failures.describe(failure));
        assertEquals(Kind.DETERMINISTIC, Failures.classify(failure));
        assertEquals(Kind.TRANSIENT, Failures.classify(new org.hibernate.exception.JDBCConnectionException(
                "error executing SQL statement", new SQLException("ERROR: terminating connection (57P01)", "57P01"))));
    }

    /** As the reactive PostgreSQL client fails a statement. */
    private static PgException sql(String message, String state) {
        return new PgException(message, "ERROR", state, null);
    }
}
