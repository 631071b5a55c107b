package dev.tocsin.ingest.intake;

import dev.tocsin.eventing.api.Problem;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.ingest.IngestConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Alertmanager API v2 {@code POST /api/v2/alerts}, so Prometheus' {@code alerting.alertmanagers}
 * can point straight at Tocsin. The answer is 202 only once Kafka holds every alert of the batch;
 * when Kafka cannot take them, 503 with {@code Retry-After}, so the sender tries again.
 */
@Path("/api/v2/alerts")
@IntegrationKeyRequired
public class AlertmanagerResource {

    private static final Logger LOG = Logger.getLogger(AlertmanagerResource.class);

    /** The answer to an accepted batch: how many alerts Kafka now holds. */
    public record Accepted(String status, int accepted) {
    }

    private final Caller caller;
    private final SignalPublisher publisher;
    private final Clock clock;
    private final MeterRegistry registry;
    private final IngestConfig config;

    AlertmanagerResource(Caller caller, SignalPublisher publisher, Clock clock, MeterRegistry registry,
            IngestConfig config) {
        this.caller = caller;
        this.publisher = publisher;
        this.clock = clock;
        this.registry = registry;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> post(List<PostableAlert> alerts) {
        Timer.Sample sample = Timer.start(registry);
        if (alerts != null && alerts.size() > config.maxAlertsPerRequest()) {
            throw ProblemException.badRequest("$", "at most " + config.maxAlertsPerRequest()
                    + " alerts per request, got " + alerts.size());
        }
        var signals = AlertmanagerNormalizer.normalize(alerts, caller.key().service(), clock.instant());
        return publisher.publish(signals)
                .onFailure().transform(KafkaUnavailable::new)
                .map(acked -> {
                    registry.counter("tocsin.alerts.received", "source", AlertmanagerNormalizer.SOURCE)
                            .increment(signals.size());
                    return Response.accepted(new Accepted("success", signals.size())).build();
                })
                .onTermination().invoke((response, failure, cancelled) -> sample.stop(registry.timer(
                        "tocsin.alerts.accept", "source", AlertmanagerNormalizer.SOURCE,
                        "outcome", failure == null ? "accepted" : "unavailable")));
    }

    @ServerExceptionMapper
    public Response unavailable(KafkaUnavailable e) {
        LOG.warnf("Kafka did not acknowledge alert signals, answering 503: %s", e.getCause().toString());
        Problem problem = Problem.of(503, "Service Unavailable",
                "the alerts could not be stored durably right now; retry the whole batch", List.of());
        return Response.status(503).type(Problem.MEDIA_TYPE)
                .header("Retry-After", config.retryAfter().toSeconds()).entity(problem).build();
    }

    /** Kafka could not make the batch durable: the sender must retry. */
    static final class KafkaUnavailable extends RuntimeException {
        KafkaUnavailable(Throwable cause) {
            super(cause);
        }
    }
}
