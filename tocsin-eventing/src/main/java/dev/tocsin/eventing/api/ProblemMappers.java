package dev.tocsin.eventing.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every client error into problem+json that names what is wrong. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        return problem(ProblemException.badRequest(errors));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? path(mapping) : "";
        String detail = "malformed JSON" + (field.isEmpty() ? "" : " at " + field) + ": " + e.getOriginalMessage();
        return respond(Problem.of(400, "Bad Request", detail,
                field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, e.getOriginalMessage()))));
    }

    /**
     * A JSON value of the wrong shape (an unknown enum constant, an object for a string). Mapped on
     * its own because Quarkus ships a mapper for exactly this type, which wins over {@link #unreadable}
     * and answers without problem details.
     */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                // Quarkus REST wraps an unreadable body in a bare 400; say what was wrong with it.
                return unreadable(json);
            }
        }
        int status = e.getResponse().getStatus();
        return respond(Problem.of(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage(), List.of()));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String field(ConstraintViolation<?> violation) {
        // Drop the resource method and parameter names: the caller knows only its JSON.
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : path;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
