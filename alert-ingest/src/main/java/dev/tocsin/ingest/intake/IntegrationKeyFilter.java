package dev.tocsin.ingest.intake;

import dev.tocsin.ingest.IngestConfig;
import dev.tocsin.ingest.intake.IntakeMetrics.Reason;
import dev.tocsin.ingest.key.ActiveKeys;
import dev.tocsin.ingest.key.IntegrationKey;
import dev.tocsin.ingest.key.KeyLookupUnavailable;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
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
 * that: 401, whatever it sent; a caller over its limit gets 429 before its body costs anything; a
 * client that presented too many wrong keys gets 429 before any lookup; a key bound to a signature
 * check is refused (403) on endpoints that do not check it; and when the key store cannot be asked,
 * 503 with {@code Retry-After}.
 */
public class IntegrationKeyFilter {

    private static final RefusalLog UNAVAILABLE = new RefusalLog(IntegrationKeyFilter.class);

    private final ActiveKeys keys;
    private final Caller caller;
    private final KeyRateLimiter limiter;
    private final FailedLookups failedLookups;
    private final IntakeMetrics metrics;
    private final IngestConfig ingest;

    IntegrationKeyFilter(ActiveKeys keys, Caller caller, KeyRateLimiter limiter, FailedLookups failedLookups,
            IntakeMetrics metrics, IngestConfig ingest) {
        this.keys = keys;
        this.caller = caller;
        this.limiter = limiter;
        this.failedLookups = failedLookups;
        this.metrics = metrics;
        this.ingest = ingest;
    }

    @ServerRequestFilter
    public Uni<Response> authenticate(ContainerRequestContext request, SimpleResourceInfo resource,
            HttpServerRequest http) {
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
        String client = Clients.address(http);
        OptionalLong blocked = failedLookups.blocked(client);
        if (blocked.isPresent()) {
            metrics.rejected(source, Reason.FAILED_LOOKUPS, 1);
            return Uni.createFrom().item(IntakeProblems.tooManyFailedLookups(blocked.getAsLong()));
        }
        return keys.find(secret.get())
                .map(key -> key.isEmpty() ? unknown(source, client) : admit(key.get(), required))
                .onFailure(KeyLookupUnavailable.class).recoverWithItem(failure -> {
                    UNAVAILABLE.refused(() -> "integration key store unavailable, answering 503: "
                            + failure.getCause());
                    return IntakeProblems.unavailable(ingest.retryAfter().toSeconds());
                });
    }

    private Response admit(IntegrationKey key, IntegrationKeyRequired required) {
        if (key.signing() != null && !required.verifiesSignatures()) {
            metrics.rejected(required.value(), Reason.SIGNATURE, 1);
            return IntakeProblems.forbidden("this integration key requires Grafana's HMAC signature, so it is "
                    + "accepted only at POST /hooks/grafana; use a key without a signing secret here");
        }
        OptionalLong retryAfter = limiter.tryAcquire(key);
        if (retryAfter.isPresent()) {
            metrics.rejected(required.value(), Reason.RATE_LIMITED, 1);
            return IntakeProblems.tooManyRequests(retryAfter.getAsLong());
        }
        caller.authenticated(key);
        return null;
    }

    private Response unknown(String source, String client) {
        failedLookups.failed(client);
        return unauthorized(source);
    }

    private Response unauthorized(String source) {
        metrics.rejected(source, Reason.UNAUTHORIZED, 1);
        return IntakeProblems.unauthorized("an active integration key is required, as "
                + "'Authorization: Bearer <key>' or as the password of basic auth");
    }
}
