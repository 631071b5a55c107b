package dev.tocsin.ingest.intake.pagerduty;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tocsin.eventing.api.Problem.FieldError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The answer body of PagerDuty's Events API, which PagerDuty's clients parse: on 202
 * {@code status}, {@code message} and {@code dedup_key}; on 400 {@code errors}, a list of sentences.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PagerDutyResponse(String status, String message, @JsonProperty("dedup_key") String dedupKey,
        List<String> errors) {

    static Response accepted(String dedupKey) {
        return respond(202, new PagerDutyResponse("success", "Event processed", dedupKey, null));
    }

    static Response changeAccepted() {
        return respond(202, new PagerDutyResponse("success", "Change event processed", null, null));
    }

    /** 400; PagerDuty answers an unknown routing key this way too, its API having no 401. */
    static Response invalid(List<FieldError> errors) {
        return respond(400, new PagerDutyResponse("invalid event", "Event object is invalid", null,
                errors.stream().map(e -> "'" + e.field() + "' " + e.message()).toList()));
    }

    /** 403: the routing key is valid but may not be used here. */
    static Response forbidden(String error) {
        return respond(403, new PagerDutyResponse("forbidden", "Event object is refused", null, List.of(error)));
    }

    static Response throttled(long retryAfterSeconds) {
        return Response.status(429).type(MediaType.APPLICATION_JSON).header("Retry-After", retryAfterSeconds)
                .entity(new PagerDutyResponse("throttle exceeded", "Requests for this routing key are arriving too "
                        + "quickly; retry after " + retryAfterSeconds + " s", null, null)).build();
    }

    static Response unavailable(long retryAfterSeconds) {
        return Response.status(503).type(MediaType.APPLICATION_JSON).header("Retry-After", retryAfterSeconds)
                .entity(new PagerDutyResponse("unavailable", "The event could not be stored durably right now; "
                        + "retry it", null, null)).build();
    }

    private static Response respond(int status, PagerDutyResponse body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
