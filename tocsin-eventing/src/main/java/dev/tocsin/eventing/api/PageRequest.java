package dev.tocsin.eventing.api;

import java.util.Optional;

/**
 * The {@code limit} and {@code cursor} query parameters every list endpoint takes. A store fetches
 * {@link #fetch()} rows (one more than asked) after the cursor, and {@link Paged} turns the extra
 * row into a {@code Link: <…>; rel="next"} header.
 */
public record PageRequest(int limit, Optional<Cursor> after) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** Parses both parameters as sent (either may be absent); 400 naming the one that is wrong. */
    public static PageRequest of(String limit, String cursor) {
        return of(limit, cursor, DEFAULT_LIMIT, MAX_LIMIT);
    }

    public static PageRequest of(String limit, String cursor, int defaultLimit, int maxLimit) {
        return of("limit", limit, "cursor", cursor, defaultLimit, maxLimit);
    }

    /** For a page inside another answer, under parameters of its own names (e.g. {@code historyLimit}). */
    public static PageRequest of(String limitField, String limit, String cursorField, String cursor, int defaultLimit,
            int maxLimit) {
        int size = defaultLimit;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > maxLimit) {
                throw ProblemException.badRequest(limitField, "must be a whole number from 1 to " + maxLimit);
            }
        }
        Optional<Cursor> after = cursor == null || cursor.isEmpty() ? Optional.empty() : Optional.of(Cursor.decode(cursor, cursorField));
        return new PageRequest(size, after);
    }

    /** How many rows to fetch: one more than the page holds, to know whether another page follows. */
    public int fetch() {
        return limit + 1;
    }
}
