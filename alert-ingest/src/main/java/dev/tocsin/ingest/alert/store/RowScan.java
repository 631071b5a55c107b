package dev.tocsin.ingest.alert.store;

import dev.tocsin.eventing.Sql;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.function.Predicate;

/**
 * Rows of a query tried one by one in the service, as alert search and a silence's dry run try
 * RE2 matchers on labels. The rows come a chunk at a time from a cursor, so a scan that has what
 * it needs stops reading; each chunk is tried on a worker thread, because a long regex against long
 * label values costs up to tens of milliseconds a row and must not hold an event loop.
 */
public final class RowScan {

    /** Rows fetched per round trip. */
    static final int CHUNK = 1000;

    private RowScan() {
    }

    /**
     * Hands each row of {@code sql} to {@code visit}, in order, until it answers false or the rows
     * run out; {@link ScanBudget#checkTime() checks the time} before each. {@code connection} must be
     * in a transaction (a cursor lives in one), as {@link SearchDatabase#read} reads are.
     */
    public static Uni<Void> scan(SqlConnection connection, String sql, Tuple params, ScanBudget budget,
            Predicate<Row> visit) {
        return Sql.fetches(connection, sql, params, CHUNK)
                .onItem().transformToUniAndConcatenate(rows -> Uni.createFrom().item(() -> tryAll(rows, budget, visit))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .select().first(more -> more)
                .collect().last().replaceWithVoid();
    }

    /** Whether the scan goes on after this chunk. */
    private static boolean tryAll(RowSet<Row> rows, ScanBudget budget, Predicate<Row> visit) {
        for (Row row : rows) {
            budget.checkTime();
            if (!visit.test(row)) {
                return false;
            }
        }
        return true;
    }
}
