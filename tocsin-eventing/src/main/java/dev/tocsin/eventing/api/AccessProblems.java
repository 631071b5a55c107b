package dev.tocsin.eventing.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Answers the role checks of {@code @RolesAllowed} endpoints as problem details: 401 with a
 * {@code WWW-Authenticate: Bearer} challenge when the caller presented no API token this service
 * knows, 403 naming the role the endpoint needs when the token holds too little.
 */
public class AccessProblems {

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return challenge();
    }

    @ServerExceptionMapper
    public Response failed(AuthenticationFailedException e) {
        return challenge();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ResourceInfo resource) {
        String needed = needed(resource);
        String detail = needed == null
                ? "this endpoint declares no access, so it is closed to every credential"
                : "this call needs the " + needed + " role; the API token presented does not hold it";
        return ProblemMappers.respond(Problem.of(403, "Forbidden", detail, List.of()));
    }

    private static Response challenge() {
        return Response.fromResponse(ProblemMappers.respond(Problem.of(401, "Unauthorized",
                        "this call needs an API token as 'Authorization: Bearer <token>' (a viewer token for reads,"
                                + " the admin token for changes); none was presented, or not one this service knows",
                        List.of())))
                .header(HttpHeaders.WWW_AUTHENTICATE, ApiTokenMechanism.CHALLENGE)
                .build();
    }

    /** The roles the matched endpoint allows, as the API names them, or null when it declares none. */
    private static String needed(ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null) {
            return null;
        }
        Method method = resource.getResourceMethod();
        RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return allowed == null ? null
                : Arrays.stream(allowed.value()).map(r -> "'" + r + "'").collect(Collectors.joining(" or "));
    }
}
