package dev.tocsin.eventing;

import io.quarkus.arc.Arc;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Cursor;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * How every service talks to PostgreSQL: SQL on the reactive client's pool (the pool Hibernate
 * Reactive runs on), one store class per table, each statement written once with {@code $n}
 * parameters. A statement runs on a {@link SqlClient}: the connection of the enclosing
 * {@link AfterCommit#transaction} ({@link #connection()}), a connection a caller holds
 * ({@link #transaction(Function)}), or the pool itself for a read that needs no transaction
 * ({@link #client()} picks). Batches are one statement over arrays ({@code unnest}), so writing one
 * row and writing a thousand is the same SQL; {@link #texts} and its siblings build those arrays.
 *
 * <p>Time crosses the boundary in one place: {@link #at(Instant)} binds an instant as a
 * {@code timestamptz}, {@link #instant(Row, String)} reads one back.
 */
public final class Sql {

    static final String CONNECTION = Sql.class.getName() + ".connection";

    private Sql() {
    }

    /** The service's pool. */
    public static Pool pool() {
        return Arc.container().instance(Pool.class).get();
    }

    /**
     * Runs {@code work} in a transaction on a connection of its own, from any thread; commits when
     * its {@code Uni} succeeds, rolls back when it fails. Callers off the event loop (a Kafka poll
     * loop, a rebuild) may await it; it registers nothing with {@link AfterCommit}.
     */
    public static <T> Uni<T> transaction(Function<SqlConnection, Uni<T>> work) {
        return pool().withTransaction(work);
    }

    /**
     * The connection of the enclosing {@link AfterCommit#transaction}.
     *
     * @throws IllegalStateException outside one: a write must know which transaction it belongs to
     */
    public static SqlConnection connection() {
        return current().orElseThrow(() -> new IllegalStateException("Sql.connection() outside AfterCommit.transaction"));
    }

    /** The enclosing transaction's connection if there is one, else the pool (each statement on a connection of its own). */
    public static SqlClient client() {
        return current().<SqlClient>map(c -> c).orElseGet(Sql::pool);
    }

    static Optional<SqlConnection> current() {
        Context context = Vertx.currentContext();
        if (context == null || !VertxContext.isDuplicatedContext(context)) {
            return Optional.empty();
        }
        return ContextLocals.get(CONNECTION);
    }

    /**
     * The rows of a query a fetch at a time through a cursor, the next fetch read only when the
     * subscriber asks for it: a reader that stops early (cancels) reads no more, and one going through
     * millions of rows holds one fetch. {@code connection} must be in a transaction (a cursor lives
     * in one). The cursor is closed however the stream ends; a close that fails (in a transaction a
     * cancelled statement aborted) does not hide why it ended.
     */
    public static Multi<RowSet<Row>> fetches(SqlConnection connection, String sql, Tuple params, int fetch) {
        return connection.prepare(sql).onItem().transformToMulti(statement -> {
            Cursor cursor = statement.cursor(params);
            return Multi.createBy().repeating().uni(() -> cursor.read(fetch)).whilst(rows -> cursor.hasMore())
                    .onTermination().call(() -> cursor.close().chain(statement::close).onFailure().recoverWithNull());
        });
    }

    /** An instant bound as a {@code timestamptz} parameter; null stays null. */
    public static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** One {@code text[]} column of a batch statement: {@code value} of each row, in order. */
    public static <R> String[] texts(Collection<? extends R> rows, Function<? super R, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    /** One {@code int[]} column of a batch statement. */
    public static <R> Integer[] ints(Collection<? extends R> rows, Function<? super R, Integer> value) {
        return rows.stream().map(value).toArray(Integer[]::new);
    }

    /** One {@code boolean[]} column of a batch statement. */
    public static <R> Boolean[] booleans(Collection<? extends R> rows, Function<? super R, Boolean> value) {
        return rows.stream().map(value).toArray(Boolean[]::new);
    }

    /** One {@code uuid[]} column of a batch statement. */
    public static <R> UUID[] uuids(Collection<? extends R> rows, Function<? super R, UUID> value) {
        return rows.stream().map(value).toArray(UUID[]::new);
    }

    /** One {@code timestamptz[]} column of a batch statement. */
    public static <R> OffsetDateTime[] times(Collection<? extends R> rows, Function<? super R, Instant> value) {
        return rows.stream().map(value).map(Sql::at).toArray(OffsetDateTime[]::new);
    }

    /** A {@code timestamptz} (or {@code timestamp}, read as UTC) column; null stays null. */
    public static Instant instant(Row row, String column) {
        return instant(row.getValue(column));
    }

    /** A {@code timestamptz} (or {@code timestamp}, read as UTC) column by position; null stays null. */
    public static Instant instant(Row row, int column) {
        return instant(row.getValue(column));
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case OffsetDateTime offset -> offset.toInstant();
            case LocalDateTime local -> local.toInstant(ZoneOffset.UTC);
            case Instant instant -> instant;
            default -> throw new IllegalArgumentException("not a timestamp: " + value.getClass().getName());
        };
    }
}
