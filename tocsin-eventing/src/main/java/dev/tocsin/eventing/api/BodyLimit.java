package dev.tocsin.eventing.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared body exceeds {@code quarkus.http.limits.max-body-size} with 413
 * as problem+json, before anything reads it. Quarkus' own check answers a bare 413; it still cuts
 * off a chunked body that grows past the limit (its size is known only while reading). A service
 * that counts refusals (alert-ingest's intake metrics) provides a {@link Refusals} bean.
 */
@ApplicationScoped
public class BodyLimit {

    /** Told of every body refused, by the request's path. */
    public interface Refusals {
        void refused(String path);
    }

    private final Optional<MemorySize> limit;
    private final ObjectMapper json;
    private final Instance<Refusals> refusals;

    BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit, ObjectMapper json,
            Instance<Refusals> refusals) {
        this.limit = limit;
        this.json = json;
        this.refusals = refusals;
    }

    void install(@Observes Router router) {
        // Quarkus' own check is at order -2; lower runs first.
        limit.ifPresent(max -> router.route().order(-3).handler(ctx -> check(ctx, max.asLongValue())));
    }

    private void check(RoutingContext ctx, long max) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            declared = -1;
        }
        if (declared <= max) {
            ctx.next();
            return;
        }
        refusals.forEach(r -> r.refused(ctx.normalizedPath()));
        Problem problem = Problem.of(413, "Content Too Large", "the request body has " + declared
                + " bytes; at most " + max + " bytes (" + (max / 1024) + " KiB) are accepted", List.of());
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // The unread body would follow on this connection; closing it, as Quarkus does, discards it.
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Buffer.buffer(body));
    }
}
