package dev.tocsin.ingest.intake.pagerduty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.eventing.api.Problem.FieldError;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.ingest.IngestConfig;
import dev.tocsin.ingest.intake.DurableIntake;
import dev.tocsin.ingest.intake.IntakeConfig;
import dev.tocsin.ingest.intake.IntakeLimits;
import dev.tocsin.ingest.intake.IntakeMetrics;
import dev.tocsin.ingest.intake.IntakeMetrics.Reason;
import dev.tocsin.ingest.intake.KafkaUnavailable;
import dev.tocsin.ingest.intake.KeyRateLimiter;
import dev.tocsin.ingest.intake.KeyedEvents;
import dev.tocsin.ingest.key.ActiveKeys;
import dev.tocsin.ingest.key.IntegrationKey;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * PagerDuty's Events API v2 ({@code POST /v2/enqueue}) and Change Events ({@code POST
 * /v2/change/enqueue}), so any tool that speaks PagerDuty can page through Tocsin by changing only
 * its URL. The {@code routing_key} in the body is the integration key; status codes and bodies are
 * PagerDuty's (an unknown or revoked key is a 400, as PagerDuty's API has no 401). 202 only after
 * Kafka acknowledged.
 */
@Path("/v2")
@PermitAll
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class PagerDutyResource {

    private static final Logger LOG = Logger.getLogger(PagerDutyResource.class);

    private final ObjectMapper json;
    private final ActiveKeys keys;
    private final KeyRateLimiter limiter;
    private final DurableIntake durable;
    private final IntakeMetrics metrics;
    private final Clock clock;
    private final IntakeLimits limits;
    private final IngestConfig ingest;

    PagerDutyResource(ObjectMapper json, ActiveKeys keys, KeyRateLimiter limiter, DurableIntake durable,
            IntakeMetrics metrics, Clock clock, IntakeConfig config, IngestConfig ingest) {
        this.json = json;
        this.keys = keys;
        this.limiter = limiter;
        this.durable = durable;
        this.metrics = metrics;
        this.clock = clock;
        this.limits = IntakeLimits.of(config);
        this.ingest = ingest;
    }

    /** What a request's body became: the event to publish and the answer to give once it is durable. */
    private record Outcome(IntegrationEvent event, Response accepted, List<FieldError> errors) {
    }

    @POST
    @Path("/enqueue")
    @Operation(summary = "Send an alert event (PagerDuty Events API v2: trigger, acknowledge, resolve)")
    public Uni<Response> enqueue(byte[] body) {
        return handle(body, PagerDutyEvent.class, PagerDutyEvent.SOURCE, PagerDutyEvent::routingKey, (event, key) -> {
            var normalized = PagerDutyNormalizer.normalize(event, key, limits, clock.instant());
            return new Outcome(normalized.signal(), PagerDutyResponse.accepted(normalized.dedupKey()),
                    normalized.errors());
        });
    }

    @POST
    @Path("/change/enqueue")
    @Operation(summary = "Send a change event (PagerDuty Change Events), published on tocsin.changes")
    public Uni<Response> changeEnqueue(byte[] body) {
        return handle(body, ChangeEvent.class, ChangeEvent.SOURCE, ChangeEvent::routingKey, (event, key) -> {
            var normalized = ChangeNormalizer.normalize(event, key, clock.instant());
            return new Outcome(normalized.change(), PagerDutyResponse.changeAccepted(), normalized.errors());
        });
    }

    private <T> Uni<Response> handle(byte[] body, Class<T> type, String source, Function<T, String> routingKey,
            BiFunction<T, IntegrationKey, Outcome> normalize) {
        Timer.Sample sample = metrics.start();
        T event;
        try {
            event = json.readValue(body, type);
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            return refused(source, Reason.INVALID, PagerDutyResponse.invalid(List.of(new FieldError("$",
                    "is not a JSON event object: " + why))));
        }
        if (event == null || KeyedEvents.blank(routingKey.apply(event))) {
            return refused(source, Reason.INVALID, PagerDutyResponse.invalid(List.of(new FieldError("routing_key",
                    "is required"))));
        }
        return keys.find(routingKey.apply(event)).chain(key -> {
            if (key.isEmpty()) {
                return refused(source, Reason.UNAUTHORIZED, PagerDutyResponse.invalid(List.of(new FieldError(
                        "routing_key", "is not an active integration key"))));
            }
            OptionalLong retryAfter = limiter.tryAcquire(key.get());
            if (retryAfter.isPresent()) {
                return refused(source, Reason.RATE_LIMITED, PagerDutyResponse.throttled(retryAfter.getAsLong()));
            }
            Outcome outcome = normalize.apply(event, key.get());
            if (!outcome.errors().isEmpty()) {
                metrics.accepted(sample, source, "invalid");
                return refused(source, Reason.INVALID, PagerDutyResponse.invalid(outcome.errors()));
            }
            return publish(outcome, source, sample);
        });
    }

    private Uni<Response> publish(Outcome outcome, String source, Timer.Sample sample) {
        return durable.publish(List.of(outcome.event()), source, sample, "accepted", outcome::accepted)
                .onFailure(KafkaUnavailable.class).recoverWithItem(failure -> {
                    LOG.warnf("Kafka did not acknowledge a %s event, answering 503: %s", source,
                            failure.getCause().toString());
                    return PagerDutyResponse.unavailable(ingest.retryAfter().toSeconds());
                });
    }

    private Uni<Response> refused(String source, Reason reason, Response response) {
        metrics.rejected(source, reason, 1);
        return Uni.createFrom().item(response);
    }
}
