package dev.tocsin.ingest.alert.store;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Where reads of alerts run: a reactive pool of their own (the datasource {@code search}), so that
 * no number of reads can take the connections the decision stage writes with; at most
 * {@link SearchConfig#maxConcurrent()} at once (one more is refused at once, not queued, so waiting
 * readers hold nothing), each in a read-only transaction whose statements PostgreSQL cancels after
 * {@link SearchConfig#statementTimeout()}. Both refusals are a {@link SearchBusy}. A read whose caller
 * cancels runs on to its end, holding its permit.
 */
@ApplicationScoped
public class SearchDatabase {

    /** PostgreSQL's SQLSTATE for a statement cancelled by {@code statement_timeout}. */
    private static final String QUERY_CANCELED = "57014";

    private final Pool pool;
    private final SearchConfig config;
    private final Semaphore permits;

    SearchDatabase(@ReactiveDataSource("search") Pool pool, SearchConfig config) {
        this.pool = pool;
        this.config = config;
        this.permits = new Semaphore(config.maxConcurrent());
    }

    public SearchConfig config() {
        return config;
    }

    /** The rows and time a read starting now may scan in the service. */
    public ScanBudget budget() {
        return ScanBudget.of(config.maxScannedRows(), config.statementTimeout(), config.retryAfter());
    }

    /**
     * Runs {@code read} on a connection of the read pool, in a read-only transaction that is rolled
     * back when it fails; fails with {@link SearchBusy} when the other reads hold every permit or
     * when PostgreSQL cancelled one of its statements for running too long.
     */
    public <T> Uni<T> read(Function<SqlConnection, Uni<T>> read) {
        return Uni.createFrom().deferred(() -> {
            if (!permits.tryAcquire()) {
                return Uni.createFrom().failure(new SearchBusy("too many alert searches at once ("
                        + config.maxConcurrent() + " per replica); retry shortly", config.retryAfter()));
            }
            String limits = "set transaction read only; set local statement_timeout = "
                    + config.statementTimeout().toMillis();
            Uni<T> running = pool.withTransaction(connection -> connection.query(limits).execute()
                            .chain(() -> read.apply(connection)))
                    .onFailure(SearchDatabase::cancelled).transform(e -> budget().tooLong())
                    .onTermination().invoke(permits::release)
                    .memoize().indefinitely();
            // A reader that goes away (a client disconnecting) does not end the read: its statements
            // run until they finish or time out, and its permit is held until then, so the cap
            // counts what PostgreSQL is running, not who still waits for it.
            running.subscribe().with(item -> { }, failure -> { });
            return running;
        });
    }

    private static boolean cancelled(Throwable failure) {
        return failure instanceof PgException e && QUERY_CANCELED.equals(e.getSqlState());
    }
}
