package dev.tocsin.testing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a good answer to a bad request looks like: never a 5xx; a 2xx only where the value might be
 * valid; every 4xx an RFC 9457 problem whose detail says what was wrong in the API's words, names
 * the broken field or parameter, and shows no Java class names or stack fragments.
 */
final class Verdict {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The HTTP server's limit on a request line (Quarkus' default 4096 bytes), less the method and version. */
    private static final int LONGEST_REQUEST_LINE = 4_000;
    /** Fragments that only an implementation leaks: class and package names, stack and parser internals. */
    private static final List<String> LEAKS = List.of("java.", "javax.", "jakarta.", "dev.tocsin", "com.fasterxml",
            "io.quarkus", "io.vertx", "org.jboss", "org.hibernate", "org.postgresql", "Exception", "\tat ",
            "reference chain", "[Source:", "StreamReadConstraints");
    /** "HTTP 404 Not Found", "405", or a reason phrase alone: an answer that says only its status. */
    private static final Pattern BARE = Pattern.compile("(?i)(HTTP )?\\d{3}( [A-Za-z -]+)?|Not Found|Bad Request"
            + "|Method Not Allowed|Not Acceptable|Unsupported Media Type|(Request[- ])?URI Too Long|Payload Too Large"
            + "|Request Entity Too Large|Unauthorized|Forbidden|Conflict");

    private Verdict() {
    }

    /** Why the answer is wrong, or empty when it is a good answer. */
    static Optional<String> judge(BadRequest request, int status, String contentType, String body, boolean ownFormat) {
        if (status >= 500) {
            return Optional.of("answered " + status);
        }
        if (status < 400) {
            return status >= 300 || request.mustRefuse() ? Optional.of("accepted it with " + status) : Optional.empty();
        }
        if (status == 414 && body.isEmpty() && request.target().length() > LONGEST_REQUEST_LINE) {
            // The HTTP server refuses a request line over its limit before any route runs (docs/design.md).
            return Optional.empty();
        }
        if (ownFormat) {
            // An endpoint that answers in its sender's own error format (PagerDuty's Events API).
            return body.isBlank() ? Optional.of(status + " with an empty body")
                    : LEAKS.stream().filter(body::contains).findFirst().map(leak -> status + " leaks '" + leak.strip() + "'");
        }
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            return Optional.of(status + " is not problem+json (" + contentType + ")");
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (Exception e) {
            return Optional.of(status + " problem+json that is not JSON");
        }
        String detail = problem.path("detail").asText("");
        if (problem.path("status").asInt() != status) {
            return Optional.of(status + " with a problem whose status is " + problem.path("status"));
        }
        if (detail.isBlank() || detail.equalsIgnoreCase(problem.path("title").asText()) || BARE.matcher(detail.strip()).matches()) {
            return Optional.of(status + " whose detail says nothing: '" + detail + "'");
        }
        for (String leak : LEAKS) {
            if (body.contains(leak)) {
                return Optional.of(status + " leaks '" + leak.strip() + "'");
            }
        }
        if (request.field() != null && status == 400 && !names(problem, detail, request.field())) {
            return Optional.of("400 does not name " + request.field());
        }
        return Optional.empty();
    }

    /** Whether the problem names the field: its full path, its first or its last segment. */
    private static boolean names(JsonNode problem, String detail, String field) {
        String[] segments = field.split("[.\\[\\]]+");
        String first = segments[0];
        String last = segments[segments.length - 1].matches("\\d+") && segments.length > 1
                ? segments[segments.length - 2] : segments[segments.length - 1];
        String said = detail + " " + problem.path("errors").findValuesAsText("field");
        return said.contains(field) || said.contains(first) || said.contains(last);
    }
}
