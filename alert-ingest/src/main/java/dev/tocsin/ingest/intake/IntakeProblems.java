package dev.tocsin.ingest.intake;

import dev.tocsin.eventing.api.Problem.FieldError;
import dev.tocsin.eventing.api.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The problem+json answers the header-authenticated intake endpoints give. */
public final class IntakeProblems {

    private IntakeProblems() {
    }

    /**
     * An RFC 9457 problem for a batch of which some alerts were invalid, with the extension member
     * {@code accepted}: how many of its alerts were made durable anyway.
     */
    public record BatchProblem(String type, String title, int status, String detail, List<FieldError> errors,
            int accepted) {
    }

    /**
     * 400 naming every invalid alert of a batch.
     *
     * @param accepted how many valid alerts of the batch were kept
     */
    public static Response invalid(List<FieldError> errors, int accepted) {
        String detail = Problem.detail(errors);
        if (accepted > 0) {
            detail = accepted + " valid alert(s) accepted; refused: " + detail;
        }
        return Response.status(400).type(Problem.MEDIA_TYPE)
                .entity(new BatchProblem("about:blank", "Bad Request", 400, detail, errors, accepted)).build();
    }

    public static Response unauthorized(String detail) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Problem.of(401, "Unauthorized", detail, List.of())).build();
    }

    public static Response forbidden(String detail) {
        return Response.status(403).type(Problem.MEDIA_TYPE).entity(Problem.of(403, "Forbidden", detail, List.of()))
                .build();
    }

    /** 429 for a client that presented too many unknown keys, before its key is even looked up. */
    public static Response tooManyFailedLookups(long retryAfterSeconds) {
        return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", retryAfterSeconds)
                .entity(Problem.of(429, "Too Many Requests", "too many unknown or revoked integration keys from this "
                        + "address; retry after " + retryAfterSeconds + " s", List.of())).build();
    }

    /** 503 when the alerts could not be stored or the key could not be checked: the sender retries. */
    public static Response unavailable(long retryAfterSeconds) {
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", retryAfterSeconds)
                .entity(Problem.of(503, "Service Unavailable", "the alerts could not be accepted durably right now; "
                        + "retry the whole request after " + retryAfterSeconds + " s", List.of())).build();
    }

    public static Response tooManyRequests(long retryAfterSeconds) {
        return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", retryAfterSeconds)
                .entity(Problem.of(429, "Too Many Requests", "this integration key's rate limit is exhausted; retry after "
                        + retryAfterSeconds + " s", List.of())).build();
    }
}
