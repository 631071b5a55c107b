package dev.tocsin.ingest.intake;

import dev.tocsin.eventing.api.Problem;
import dev.tocsin.ingest.IngestConfig;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Answers 503 with {@code Retry-After} when Kafka did not acknowledge, for every problem+json
 * intake endpoint, so the sender retries instead of losing its alerts.
 */
public class KafkaUnavailableMapper {

    private static final RefusalLog UNAVAILABLE = new RefusalLog(KafkaUnavailableMapper.class);

    private final IngestConfig config;

    KafkaUnavailableMapper(IngestConfig config) {
        this.config = config;
    }

    @ServerExceptionMapper
    public Response unavailable(KafkaUnavailable e) {
        UNAVAILABLE.refused(() -> "Kafka did not acknowledge intake events, answering 503: " + e.getCause());
        Problem problem = Problem.of(503, "Service Unavailable",
                "the alerts could not be stored durably right now; retry the whole request", List.of());
        return Response.status(503).type(Problem.MEDIA_TYPE)
                .header("Retry-After", config.retryAfter().toSeconds()).entity(problem).build();
    }
}
