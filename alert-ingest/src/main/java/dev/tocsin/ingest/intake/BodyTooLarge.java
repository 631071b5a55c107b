package dev.tocsin.ingest.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.eventing.api.Problem;
import dev.tocsin.ingest.intake.IntakeMetrics.Reason;
import dev.tocsin.ingest.intake.alertmanager.PostableAlert;
import dev.tocsin.ingest.intake.alertmanager.WebhookMessage;
import dev.tocsin.ingest.intake.grafana.GrafanaResource;
import dev.tocsin.ingest.intake.pagerduty.ChangeEvent;
import dev.tocsin.ingest.intake.pagerduty.PagerDutyEvent;
import dev.tocsin.ingest.intake.webhook.GenericEvent;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body over {@code quarkus.http.limits.max-body-size} with 413 as problem+json naming the
 * limit. Quarkus itself answers such a request with a bare 413 and no body, from a route that runs
 * before any resource; this route runs just before that one and answers the same way, with a body.
 */
@ApplicationScoped
public class BodyTooLarge {

    /** Intake paths, for the {@code source} tag of the rejection metric. */
    private static final Map<String, String> SOURCES = Map.of(
            "/api/v2/alerts", PostableAlert.SOURCE,
            "/hooks/alertmanager", WebhookMessage.SOURCE,
            "/hooks/grafana", GrafanaResource.SOURCE,
            "/hooks/generic", GenericEvent.SOURCE,
            "/v2/enqueue", PagerDutyEvent.SOURCE,
            "/v2/change/enqueue", ChangeEvent.SOURCE);

    private final Optional<MemorySize> limit;
    private final ObjectMapper json;
    private final IntakeMetrics metrics;

    BodyTooLarge(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit,
            ObjectMapper json, IntakeMetrics metrics) {
        this.limit = limit;
        this.json = json;
        this.metrics = metrics;
    }

    void install(@Observes Router router) {
        // Quarkus' own check is at order -2; lower runs first.
        limit.ifPresent(max -> router.route().order(-3).handler(ctx -> check(ctx, max.asLongValue())));
    }

    private void check(RoutingContext ctx, long max) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = -1;
        }
        if (declared <= max) {
            ctx.next();
            return;
        }
        metrics.rejected(SOURCES.getOrDefault(ctx.normalizedPath(), "other"), Reason.TOO_LARGE, 1);
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
