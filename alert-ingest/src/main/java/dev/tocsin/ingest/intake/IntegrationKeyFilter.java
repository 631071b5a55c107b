package dev.tocsin.ingest.intake;

import dev.tocsin.ingest.intake.IntakeMetrics.Reason;
import dev.tocsin.ingest.key.ActiveKeys;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.OptionalLong;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Authenticates monitoring systems on {@link IntegrationKeyRequired} resources and holds each key to
 * its rate limit. It runs before the body is read, so a caller without an active key learns only
 * that: 401, whatever it sent; a caller over its limit gets 429 before its body costs anything.
 */
public class IntegrationKeyFilter {

    private final ActiveKeys keys;
    private final Caller caller;
    private final KeyRateLimiter limiter;
    private final IntakeMetrics metrics;

    IntegrationKeyFilter(ActiveKeys keys, Caller caller, KeyRateLimiter limiter, IntakeMetrics metrics) {
        this.keys = keys;
        this.caller = caller;
        this.limiter = limiter;
        this.metrics = metrics;
    }

    @ServerRequestFilter
    public Uni<Response> authenticate(ContainerRequestContext request, SimpleResourceInfo resource) {
        IntegrationKeyRequired required = resource.getResourceClass() == null ? null
                : resource.getResourceClass().getAnnotation(IntegrationKeyRequired.class);
        if (required == null) {
            return Uni.createFrom().nullItem();
        }
        String source = required.value();
        Optional<String> secret = Credentials.integrationKey(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (secret.isEmpty()) {
            return Uni.createFrom().item(unauthorized(source));
        }
        return keys.find(secret.get()).map(key -> {
            if (key.isEmpty()) {
                return unauthorized(source);
            }
            OptionalLong retryAfter = limiter.tryAcquire(key.get());
            if (retryAfter.isPresent()) {
                metrics.rejected(source, Reason.RATE_LIMITED, 1);
                return IntakeProblems.tooManyRequests(retryAfter.getAsLong());
            }
            caller.authenticated(key.get());
            return null;
        });
    }

    private Response unauthorized(String source) {
        metrics.rejected(source, Reason.UNAUTHORIZED, 1);
        return IntakeProblems.unauthorized("an active integration key is required, as "
                + "'Authorization: Bearer <key>' or as the password of basic auth");
    }
}
