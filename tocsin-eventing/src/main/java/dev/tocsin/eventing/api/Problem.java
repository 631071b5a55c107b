package dev.tocsin.eventing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem details body. {@code errors} names each invalid field so a caller can fix
 * its request without guessing.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field: a JSON path like {@code [2].labels.service}, and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    /** The fields and what is wrong with each, as one line: {@code [0].labels: ...; name: ...}. */
    public static String detail(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + ": " + e.message()).collect(java.util.stream.Collectors.joining("; "));
    }

    public static Problem of(int status, String title, String detail, List<FieldError> errors) {
        return new Problem("about:blank", title, status, detail, errors);
    }
}
