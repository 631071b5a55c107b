package dev.tocsin.eventing.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
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
        return respond(JsonProblems.of(e));
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

    /**
     * What the framework refuses before a resource runs (no such path, a method or media type the
     * path does not take, a parameter that does not convert), said in words that name the cause.
     */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, ContainerRequestContext request, ResourceInfo resource) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                // Quarkus REST wraps an unreadable body in a bare 400; say what was wrong with it.
                return unreadable(json);
            }
        }
        int status = e.getResponse().getStatus();
        if (e.getCause() != null && (status == 404 || status == 400)) {
            // A parameter that did not convert (limit=abc for an int): the request is wrong, not the path.
            List<Problem.FieldError> errors = ParameterConversion.failed(resource.getResourceMethod(),
                    request.getUriInfo(), request.getHeaders());
            return respond(errors.isEmpty()
                    ? Problem.of(400, "Bad Request", "a parameter of the request has a value of the wrong type", List.of())
                    : ProblemException.badRequest(errors).problem());
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(Problem.of(status, reason, StatusDetails.of(status, e, request), List.of()));
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
}
