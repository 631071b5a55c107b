package dev.tocsin.eventing.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every mutating call on the management API ({@code /api/v1/...}) needs the admin API token as a
 * bearer credential. Alert intake endpoints authenticate with integration keys instead and live
 * outside {@code /api/v1}. Scoped, role-based tokens replace this single token in a later release.
 */
public class AdminTokenFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final byte[] token;

    AdminTokenFilter(@ConfigProperty(name = "tocsin.api.admin-token") String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @ServerRequestFilter
    public Response authorize(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/api/v1/")) {
            return null;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String presented = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : "";
        if (MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return ProblemMappers.respond(Problem.of(401, "Unauthorized",
                "this call changes Tocsin and needs the admin API token as 'Authorization: Bearer <token>'", List.of()));
    }
}
