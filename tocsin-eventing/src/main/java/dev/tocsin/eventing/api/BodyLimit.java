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
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared body exceeds {@code quarkus.http.limits.max-body-size} with 413
 * as problem+json, before anything reads it. Quarkus' own check answers a bare 413; it still cuts
 * off a chunked body that grows past the limit (its size is known only while reading). Paths under
 * {@code tocsin.api.body-limit.skip} are left to a service's own check (alert-ingest's intake).
 */
@ApplicationScoped
public class BodyLimit {

    private final Optional<MemorySize> limit;
    private final List<String> skip;
    private final ObjectMapper json;

    BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit,
            @ConfigProperty(name = "tocsin.api.body-limit.skip") Optional<List<String>> skip, ObjectMapper json) {
        this.limit = limit;
        this.skip = skip.orElse(List.of()).stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
        this.json = json;
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
        if (declared <= max || skip.contains(ctx.normalizedPath())) {
            ctx.next();
            return;
        }
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
