package dev.tocsin.ingest.alert.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Semaphore;

/**
 * Where reads of alerts run: the read pool ({@code quarkus.datasource.search}), at most
 * {@link SearchConfig#maxConcurrent()} at once (one more is refused at once, not queued, so waiting
 * readers hold no request threads), each in a read-only transaction whose statements PostgreSQL
 * cancels after {@link SearchConfig#statementTimeout()}. Both refusals are a {@link SearchBusy}.
 */
@ApplicationScoped
public class SearchDatabase {

    /** PostgreSQL's SQLSTATE for a statement cancelled by {@code statement_timeout}. */
    private static final String QUERY_CANCELED = "57014";

    /** A read on the given connection. */
    @FunctionalInterface
    public interface Read<T> {
        T run(Connection connection) throws SQLException;
    }

    private final AgroalDataSource dataSource;
    private final SearchConfig config;
    private final Semaphore permits;

    SearchDatabase(@DataSource("search") AgroalDataSource dataSource, SearchConfig config) {
        this.dataSource = dataSource;
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

    public <T> T read(Read<T> read) throws SQLException {
        if (!permits.tryAcquire()) {
            throw new SearchBusy("too many alert searches at once (" + config.maxConcurrent()
                    + " per replica); retry shortly", config.retryAfter());
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (Statement timeout = connection.createStatement()) {
                timeout.execute("set local statement_timeout = " + config.statementTimeout().toMillis());
                T result = read.run(connection);
                connection.commit();
                return result;
            } catch (SQLException e) {
                connection.rollback();
                if (QUERY_CANCELED.equals(e.getSQLState())) {
                    budget().expired();
                }
                throw e;
            }
        } finally {
            permits.release();
        }
    }
}
