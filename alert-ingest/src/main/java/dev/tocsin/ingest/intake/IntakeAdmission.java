package dev.tocsin.ingest.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.eventing.api.Problem;
import dev.tocsin.ingest.IngestConfig;
import dev.tocsin.ingest.intake.IntakeMetrics.Reason;
import dev.tocsin.ingest.intake.pagerduty.PagerDutyResponse;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds each replica to a bound on intake requests in flight ({@code tocsin.ingest.intake.max-in-flight}).
 * Past it a request is answered 503 with {@code Retry-After} at once, before its key is looked up or
 * its body read, so an overloaded replica answers the requests it took in time instead of letting
 * every request queue until its sender gives up. The bound counts a request from its arrival until
 * its answer is written or its connection closes. PagerDuty's endpoints answer in PagerDuty's shape.
 */
@ApplicationScoped
public class IntakeAdmission {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final RefusalLog refusals = new RefusalLog(IntakeAdmission.class);
    private final int limit;
    private final long retryAfterSeconds;
    private final String problem;
    private final String pagerDutyAnswer;
    private final IntakeMetrics metrics;

    IntakeAdmission(IntakeConfig intake, IngestConfig ingest, IntakeMetrics metrics, MeterRegistry registry,
            ObjectMapper json) throws JsonProcessingException {
        this.limit = intake.maxInFlight();
        this.retryAfterSeconds = ingest.retryAfter().toSeconds();
        this.metrics = metrics;
        this.problem = json.writeValueAsString(Problem.of(503, "Service Unavailable", "this replica is answering "
                + limit + " intake requests already (tocsin.ingest.intake.max-in-flight); "
                + "retry the whole request after " + retryAfterSeconds + " s", List.of()));
        this.pagerDutyAnswer = json.writeValueAsString(new PagerDutyResponse("unavailable",
                "Too many events are arriving at once; retry after " + retryAfterSeconds + " s", null, null));
        Gauge.builder("tocsin.intake.in_flight", inFlight, AtomicInteger::get)
                .description("intake requests this replica is answering now").register(registry);
    }

    /** Ahead of every other route, RESTEasy's included, so a refusal costs no more than this. */
    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::admit);
    }

    private void admit(RoutingContext routing) {
        String source = routing.request().method() == HttpMethod.POST
                ? IntakeRoutes.sourceOf(routing.normalizedPath()) : null;
        if (source == null) {
            routing.next();
            return;
        }
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            refuse(routing, source);
            return;
        }
        routing.addEndHandler(ended -> inFlight.decrementAndGet());
        routing.next();
    }

    private void refuse(RoutingContext routing, String source) {
        metrics.rejected(source, Reason.OVERLOADED, 1);
        refusals.refused(() -> "answering 503: " + limit
                + " intake requests in flight already (tocsin.ingest.intake.max-in-flight)");
        boolean pagerDuty = IntakeRoutes.pagerDuty(source);
        routing.response().setStatusCode(503)
                .putHeader("Retry-After", Long.toString(retryAfterSeconds))
                .putHeader("Content-Type", pagerDuty ? "application/json" : Problem.MEDIA_TYPE)
                .end(pagerDuty ? pagerDutyAnswer : problem);
    }
}
