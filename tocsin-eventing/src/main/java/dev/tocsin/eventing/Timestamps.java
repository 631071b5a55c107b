package dev.tocsin.eventing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/** Reads a {@code timestamptz} column from a native query row, whichever Java type the driver chose. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant instant(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof Instant instant) {
            return instant;
        }
        if (column instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (column instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        if (column instanceof java.util.Date date) {
            return date.toInstant();
        }
        throw new IllegalArgumentException("not a timestamp: " + column.getClass().getName());
    }
}
