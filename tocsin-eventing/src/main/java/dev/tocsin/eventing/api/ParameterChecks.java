package dev.tocsin.eventing.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses path and query parameters holding a control character (a {@code %00} id) before any
 * resource sees them: PostgreSQL refuses NUL in text, and no id or filter of Tocsin's has one,
 * so the answer is a 400 naming the parameter instead of a failed query.
 */
public class ParameterChecks {

    @ServerRequestFilter
    public Response check(ContainerRequestContext request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        collect(request.getUriInfo().getPathParameters(), errors);
        collect(request.getUriInfo().getQueryParameters(), errors);
        return errors.isEmpty() ? null : ProblemMappers.respond(ProblemException.badRequest(errors).problem());
    }

    private static void collect(MultivaluedMap<String, String> parameters, List<Problem.FieldError> errors) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                String why = StrictJson.unstorable(value);
                if (why != null) {
                    errors.add(new Problem.FieldError(parameter.getKey(), why));
                    break;
                }
            }
        }
    }
}
