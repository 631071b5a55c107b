package dev.tocsin.eventing.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A query parameter holding an instant ({@code since}, {@code until}): ISO-8601, within the years
 * PostgreSQL's {@code timestamptz} and every client can hold, or a 400 naming the parameter.
 */
public final class InstantParameters {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private InstantParameters() {
    }

    /** The instant, or null when the parameter is absent or blank; an invalid one is added to {@code errors}. */
    public static Instant parse(String field, String value, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Instant instant = Instant.parse(value.strip());
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                errors.add(field, "must be between years 1 and 9999");
                return null;
            }
            return instant;
        } catch (DateTimeParseException e) {
            errors.add(field, "must be an ISO-8601 instant like 2026-11-26T09:00:00Z");
            return null;
        }
    }
}
