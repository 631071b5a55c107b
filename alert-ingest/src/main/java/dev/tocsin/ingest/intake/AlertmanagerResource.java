package dev.tocsin.ingest.intake;

import dev.tocsin.eventing.api.Problem;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.ingest.IngestConfig;
import dev.tocsin.ingest.key.IntegrationKey;
import dev.tocsin.ingest.key.IntegrationKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Alertmanager API v2 {@code POST /api/v2/alerts}, so Prometheus' {@code alerting.alertmanagers}
 * can point straight at Tocsin. The answer is 202 only once Kafka holds every alert of the batch;
 * if Kafka cannot take them, 503 with {@code Retry-After}, so the sender tries again.
 */
@Path("/api/v2/alerts")
public class AlertmanagerResource {

    private static final Logger LOG = Logger.getLogger(AlertmanagerResource.class);

    public record Accepted(String status, int accepted) {
    }

    private final IntegrationKeys keys;
    private final SignalPublisher publisher;
    private final Clock clock;
    private final MeterRegistry registry;
    private final IngestConfig config;

    AlertmanagerResource(IntegrationKeys keys, SignalPublisher publisher, Clock clock, MeterRegistry registry,
            IngestConfig config) {
        this.config = config;
        this.keys = keys;
        this.publisher = publisher;
        this.clock = clock;
        this.registry = registry;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, List<PostableAlert> alerts) {
        Timer.Sample sample = Timer.start(registry);
        String secret = Credentials.integrationKey(authorization).orElseThrow(AlertmanagerResource::unauthorized);
        if (alerts != null && alerts.size() > config.maxAlertsPerRequest()) {
            throw ProblemException.badRequest("$", "at most " + config.maxAlertsPerRequest() + " alerts per request, got "
                    + alerts.size());
        }
        return Panache.withSession(() -> keys.findActive(secret))
                .map(key -> key.orElseThrow(AlertmanagerResource::unauthorized))
                .map((IntegrationKey key) -> AlertmanagerNormalizer.normalize(alerts, key.service(), clock.instant()))
                .chain(signals -> publisher.publish(signals)
                        .onFailure().transform(AlertmanagerResource::unavailable)
                        .map(ignored -> {
                            registry.counter("tocsin.alerts.received", "source", AlertmanagerNormalizer.SOURCE)
                                    .increment(signals.size());
                            sample.stop(registry.timer("tocsin.alerts.accept", "source", AlertmanagerNormalizer.SOURCE));
                            return Response.accepted(new Accepted("success", signals.size())).build();
                        }));
    }

    private static ProblemException unauthorized() {
        return new ProblemException(401, "Unauthorized",
                "an active integration key is required as 'Authorization: Bearer <key>' or as the basic-auth password");
    }

    private static Throwable unavailable(Throwable cause) {
        LOG.warnf("Kafka did not acknowledge alert signals: %s", cause.toString());
        return new ServiceUnavailable(cause);
    }

    /** Kafka could not make the batch durable: the sender must retry. */
    static final class ServiceUnavailable extends RuntimeException {
        ServiceUnavailable(Throwable cause) {
            super(cause);
        }
    }

    @org.jboss.resteasy.reactive.server.ServerExceptionMapper
    public Response unavailable(ServiceUnavailable e) {
        Problem problem = Problem.of(503, "Service Unavailable",
                "the alerts could not be stored durably right now; nothing was accepted, retry", List.of());
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "5").entity(problem).build();
    }
}
