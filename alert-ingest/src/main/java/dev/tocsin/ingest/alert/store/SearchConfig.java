package dev.tocsin.ingest.alert.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Bounds on reads of alerts (search, alert detail, alert groups, a silence's dry run), which run on
 * their own small reactive pool ({@code quarkus.datasource.search.*}) so that no number of reads can
 * take the connections the decision pipeline writes with.
 */
@ConfigMapping(prefix = "tocsin.ingest.search")
public interface SearchConfig {

    /**
     * How many reads may use the database at once, per replica; the read pool
     * ({@code quarkus.datasource.search.reactive.max-size}) has as many connections. One more is
     * answered at once with 503 and {@code Retry-After} instead of waiting.
     */
    @WithDefault("2")
    int maxConcurrent();

    /** The longest one read's statements may run ({@code statement_timeout}); then 503. */
    @WithDefault("5s")
    Duration statementTimeout();

    /**
     * With a regex label matcher, how many rows (newest first) that the other filters select are
     * scanned for matches per request; matches among older rows are not found. Narrow the search by
     * service, status, time or an equality matcher to reach further back.
     */
    @WithDefault("10000")
    int maxScannedRows();

    /** What {@code Retry-After} says when a read is refused because the others use the budget. */
    @WithDefault("1s")
    Duration retryAfter();
}
