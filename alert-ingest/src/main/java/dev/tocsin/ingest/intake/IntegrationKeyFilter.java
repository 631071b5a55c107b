package dev.tocsin.ingest.intake;

import dev.tocsin.eventing.api.Problem;
import dev.tocsin.ingest.key.IntegrationKeys;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Authenticates monitoring systems on {@link IntegrationKeyRequired} resources. It runs before the
 * body is read, so a caller without an active key learns only that: 401, whatever it sent.
 */
public class IntegrationKeyFilter {

    private final IntegrationKeys keys;
    private final Caller caller;

    IntegrationKeyFilter(IntegrationKeys keys, Caller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @ServerRequestFilter
    public Uni<Response> authenticate(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource.getResourceClass() == null
                || !resource.getResourceClass().isAnnotationPresent(IntegrationKeyRequired.class)) {
            return Uni.createFrom().nullItem();
        }
        Optional<String> secret = Credentials.integrationKey(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (secret.isEmpty()) {
            return Uni.createFrom().item(unauthorized());
        }
        return Panache.withSession(() -> keys.findActive(secret.get())).map(key -> {
            if (key.isEmpty()) {
                return unauthorized();
            }
            caller.authenticated(key.get());
            return null;
        });
    }

    private static Response unauthorized() {
        Problem problem = Problem.of(401, "Unauthorized", "an active integration key is required, as "
                + "'Authorization: Bearer <key>' or as the password of basic auth", List.of());
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(problem).build();
    }
}
