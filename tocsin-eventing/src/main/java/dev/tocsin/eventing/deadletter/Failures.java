package dev.tocsin.eventing.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.validation.ValidationException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells a failure worth waiting out (the database or broker is away, a concurrent writer won) from
 * one that no retry can fix (this record can never be stored or decided). Consumers retry the
 * first with backoff and hold their partition back; they park a record for the second, so one bad
 * record cannot stall everything behind it.
 *
 * <p>Statements run on the reactive PostgreSQL client, which fails with {@link PgException}. The
 * one ORM left, Hibernate Reactive (the notifier's contact methods), passes the same errors on as
 * a {@link SQLException} carrying the SQL state, so that is read too.
 */
public final class Failures {

    /** How a consumer treats a failure. */
    public enum Kind {
        /** Retry with backoff, indefinitely; nothing is skipped. */
        TRANSIENT,
        /** The record is at fault: park it now. */
        DETERMINISTIC,
        /** Neither is clear: park only after the record failed alone a few times. */
        UNSURE
    }

    /** The primary key of the event store: its violation means a concurrent append won. */
    static final String OPTIMISTIC_LOCK = "event_store_pkey";
    private static final int MAX_MESSAGE = 2000;
    /**
     * What the Vert.x clients say, without an exception type of their own, when the peer is away, or
     * the pool is full or closed (a stopping service closes it before its consumers stop).
     */
    private static final List<String> VERTX_TRANSIENT = List.of("connection closed", "connection refused", "timeout",
            "timed out", "pool closed");

    private Failures() {
    }

    public static Kind classify(Throwable failure) {
        Kind unsure = Kind.UNSURE;
        for (Throwable cause : chain(failure)) {
            String state = sqlState(cause);
            if (state != null) {
                return ofSqlState(state, constraint(cause));
            }
            if (cause instanceof IllegalArgumentException || cause instanceof ValidationException
                    || cause instanceof JsonProcessingException || cause instanceof UnreadableRecord) {
                unsure = Kind.DETERMINISTIC;
            } else if (transientType(cause)) {
                return Kind.TRANSIENT;
            }
        }
        return unsure;
    }

    /** By the SQL state's class (SQLSTATE appendix of the PostgreSQL manual). */
    static Kind ofSqlState(String state, String constraint) {
        if (state.equals("40001") || state.equals("40P01") || state.startsWith("08") || state.startsWith("53")
                || state.startsWith("57P") || state.equals("57014")) {
            return Kind.TRANSIENT;
        }
        if (state.equals("23505")) {
            // Unique violations elsewhere may be a concurrent writer too; only repeated failures prove otherwise.
            return OPTIMISTIC_LOCK.equals(constraint) ? Kind.TRANSIENT : Kind.UNSURE;
        }
        if (state.startsWith("22") || state.startsWith("23")) {
            return Kind.DETERMINISTIC;
        }
        return Kind.UNSURE;
    }

    /** A short category an operator can read, e.g. {@code invalid data}. */
    public static String category(Throwable failure) {
        for (Throwable cause : chain(failure)) {
            String state = sqlState(cause);
            if (state != null) {
                return (state.startsWith("22") ? "invalid data" : state.startsWith("23") ? "integrity violation"
                        : "database error") + " (SQL state " + state + ")";
            }
            if (cause instanceof UnreadableRecord) {
                return "unreadable record";
            }
        }
        return switch (classify(failure)) {
            case DETERMINISTIC -> "rejected by the handler";
            case TRANSIENT -> "database or broker unavailable";
            case UNSURE -> "failed repeatedly";
        };
    }

    /**
     * The failure in words: each distinct message of the cause chain, with control characters
     * shown escaped so the text can be stored and read wherever the record itself could not.
     */
    public static String describe(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable cause : chain(failure)) {
            String database = databaseMessage(cause);
            if (database != null) {
                // PostgreSQL's own words; the wrappers around them add only the statement.
                return bounded(database);
            }
        }
        for (Throwable cause : chain(failure)) {
            String message = cause.getMessage();
            if (message != null && !message.isBlank() && parts.stream().noneMatch(p -> p.contains(message))) {
                parts.add(message.strip());
            }
        }
        return bounded(parts.isEmpty() ? category(failure) : String.join(": ", parts));
    }

    private static String bounded(String text) {
        String escaped = escapeControls(text);
        return escaped.length() > MAX_MESSAGE ? escaped.substring(0, MAX_MESSAGE) + "…" : escaped;
    }

    /** The server's message and detail, e.g. "unsupported Unicode escape sequence: \\u0000 cannot be converted to text." */
    private static String databaseMessage(Throwable cause) {
        String message = null;
        String detail = null;
        if (cause instanceof PgException pg) {
            message = pg.getErrorMessage();
            detail = pg.getDetail();
        } else if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getMessage() != null) {
            // Hibernate Reactive passes the reactive client's error on as "ERROR: <message> (<state>)".
            message = sql.getMessage().replaceFirst("^ERROR: ", "").replaceFirst(" \\([0-9A-Z]{5}\\)$", "");
        }
        if (message == null) {
            return null;
        }
        return detail == null || detail.isBlank() ? message : message + ": " + detail;
    }

    public static String escapeControls(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c < 0x20 && c != '\n' && c != '\t' || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static boolean transientType(Throwable cause) {
        return cause instanceof RetriableException || cause instanceof TimeoutException
                || cause instanceof ClosedConnectionException
                || cause instanceof IOException && !(cause instanceof JsonProcessingException)
                || vertxFailure(cause) && cause.getMessage() != null && VERTX_TRANSIENT.stream()
                        .anyMatch(cause.getMessage().toLowerCase(Locale.ROOT)::contains);
    }

    /** Vert.x fails with a VertxException, or, where it keeps no stack (a closed pool), a NoStackTraceThrowable. */
    private static boolean vertxFailure(Throwable cause) {
        return cause instanceof VertxException || cause instanceof NoStackTraceThrowable;
    }

    private static String sqlState(Throwable cause) {
        if (cause instanceof PgException pg) {
            return pg.getSqlState();
        }
        if (cause instanceof SQLException sql) {
            return sql.getSQLState();
        }
        return null;
    }

    /** The constraint a statement of the reactive client violated; the event store's is written only there. */
    private static String constraint(Throwable cause) {
        return cause instanceof PgException pg ? pg.getConstraint() : null;
    }

    /** The failure and its causes, each once. */
    static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = new HashSet<>();
        for (Throwable next = failure; next != null && seen.add(next); next = next.getCause()) {
            chain.add(next);
        }
        return chain;
    }
}
