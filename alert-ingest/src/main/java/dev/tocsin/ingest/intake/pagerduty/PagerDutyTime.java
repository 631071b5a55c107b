package dev.tocsin.ingest.intake.pagerduty;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * PagerDuty's timestamps: ISO 8601 with an offset, which PagerDuty's own examples write without a
 * colon ({@code 2015-07-17T08:42:58.315+0000}); Java's ISO parser refuses that form, so both are read.
 */
final class PagerDutyTime {

    private static final DateTimeFormatter ISO_8601 = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private PagerDutyTime() {
    }

    /** The instant, or null when the text is not an ISO 8601 date-time with an offset. */
    static Instant parse(String text) {
        try {
            return ISO_8601.parse(text.trim(), OffsetDateTime::from).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
