package dev.tocsin.ingest.intake.pagerduty;

import dev.tocsin.eventing.api.Problem.FieldError;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.List;

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

    /**
     * A payload's {@code timestamp}: null when absent; when it is not an ISO 8601 date-time with an
     * offset, null and an error naming {@code payload.timestamp}.
     */
    static Instant parse(String text, List<FieldError> errors) {
        if (text == null) {
            return null;
        }
        Instant parsed = parse(text);
        if (parsed == null) {
            errors.add(new FieldError("payload.timestamp", "must be an ISO 8601 date-time with an offset"));
        }
        return parsed;
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
