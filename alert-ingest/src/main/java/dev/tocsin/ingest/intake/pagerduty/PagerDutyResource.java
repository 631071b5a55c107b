package dev.tocsin.ingest.intake.pagerduty;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.eventing.api.Problem;
import dev.tocsin.eventing.api.Problem.FieldError;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.ingest.IngestConfig;
import dev.tocsin.ingest.intake.Clients;
import dev.tocsin.ingest.intake.DurableIntake;
import dev.tocsin.ingest.intake.FailedLookups;
import dev.tocsin.ingest.intake.IntakeConfig;
import dev.tocsin.ingest.intake.IntakeLimits;
import dev.tocsin.ingest.intake.IntakeMetrics;
import dev.tocsin.ingest.intake.IntakeMetrics.Reason;
import dev.tocsin.ingest.intake.KafkaUnavailable;
import dev.tocsin.ingest.intake.KeyedBody;
import dev.tocsin.ingest.intake.KeyRateLimiter;
import dev.tocsin.ingest.intake.KeyedEvents;
import dev.tocsin.ingest.intake.RefusalLog;
import dev.tocsin.ingest.key.ActiveKeys;
import dev.tocsin.ingest.key.IntegrationKey;
import dev.tocsin.ingest.key.KeyLookupUnavailable;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

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

    private static final RefusalLog KEY_STORE_UNAVAILABLE = new RefusalLog(PagerDutyResource.class);
    private static final RefusalLog KAFKA_UNAVAILABLE = new RefusalLog(PagerDutyResource.class);

    private final ObjectMapper json;
    private final ActiveKeys keys;
    private final KeyRateLimiter limiter;
    private final FailedLookups failedLookups;
    private final DurableIntake durable;
    private final IntakeMetrics metrics;
    private final Clock clock;
    private final IntakeLimits limits;
    private final IngestConfig ingest;

    PagerDutyResource(ObjectMapper json, ActiveKeys keys, KeyRateLimiter limiter, FailedLookups failedLookups,
            DurableIntake durable, IntakeMetrics metrics, Clock clock, IntakeConfig config, IngestConfig ingest) {
        this.failedLookups = failedLookups;
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
    @PermitAll
    @RequestBody(description = "One PagerDuty Events API v2 event", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PagerDutyEvent.class)))
    public Uni<Response> enqueue(byte[] body, @Context HttpServerRequest http) {
        return handle(body, http, PagerDutyEvent.class, PagerDutyEvent.SOURCE, PagerDutyEvent::routingKey, (event, key) -> {
            var normalized = PagerDutyNormalizer.normalize(event, key, limits, clock.instant());
            return new Outcome(normalized.signal(), PagerDutyResponse.accepted(normalized.dedupKey()),
                    normalized.errors());
        });
    }

    @POST
    @Path("/change/enqueue")
    @Operation(summary = "Send a change event (PagerDuty Change Events), published on tocsin.changes")
    @PermitAll
    @RequestBody(description = "One PagerDuty change event", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChangeEvent.class)))
    public Uni<Response> changeEnqueue(byte[] body, @Context HttpServerRequest http) {
        return handle(body, http, ChangeEvent.class, ChangeEvent.SOURCE, ChangeEvent::routingKey, (event, key) -> {
            var normalized = ChangeNormalizer.normalize(event, key, clock.instant());
            return new Outcome(normalized.change(), PagerDutyResponse.changeAccepted(), normalized.errors());
        });
    }

    private <T> Uni<Response> handle(byte[] body, HttpServerRequest http, Class<T> type, String source,
            Function<T, String> routingKey, BiFunction<T, IntegrationKey, Outcome> normalize) {
        Timer.Sample sample = metrics.start();
        KeyedBody<T> read;
        try {
            read = KeyedBody.read(json, body, type);
        } catch (ProblemException e) {
            List<FieldError> errors = e.problem().errors().isEmpty()
                    ? List.of(new FieldError("$", e.problem().detail())) : e.problem().errors();
            return refused(source, Reason.INVALID, PagerDutyResponse.invalid(errors));
        }
        T event = read.event();
        if (KeyedEvents.blank(routingKey.apply(event))) {
            return refused(source, Reason.INVALID, PagerDutyResponse.invalid(List.of(new FieldError("routing_key",
                    "is required"))));
        }
        String client = Clients.address(http);
        OptionalLong blocked = failedLookups.blocked(client);
        if (blocked.isPresent()) {
            return refused(source, Reason.FAILED_LOOKUPS, PagerDutyResponse.throttled(blocked.getAsLong()));
        }
        return keys.find(routingKey.apply(event)).chain(key -> {
            if (key.isEmpty()) {
                failedLookups.failed(client);
                return refused(source, Reason.UNAUTHORIZED, PagerDutyResponse.invalid(List.of(new FieldError(
                        "routing_key", "is not an active integration key"))));
            }
            if (key.get().signing() != null) {
                return refused(source, Reason.SIGNATURE, PagerDutyResponse.forbidden("'routing_key' requires Grafana's "
                        + "HMAC signature, so it is accepted only at POST /hooks/grafana"));
            }
            OptionalLong retryAfter = limiter.tryAcquire(key.get());
            if (retryAfter.isPresent()) {
                return refused(source, Reason.RATE_LIMITED, PagerDutyResponse.throttled(retryAfter.getAsLong()));
            }
            Outcome outcome = read.unstorable().isEmpty() ? normalize.apply(event, key.get())
                    : new Outcome(null, null, read.unstorable());
            if (!outcome.errors().isEmpty()) {
                metrics.accepted(sample, source, "invalid");
                return refused(source, Reason.INVALID, PagerDutyResponse.invalid(outcome.errors()));
            }
            return publish(outcome, source, sample);
        }).onFailure(KeyLookupUnavailable.class).recoverWithItem(failure -> {
            KEY_STORE_UNAVAILABLE.refused(() -> "integration key store unavailable, answering 503 to a " + source
                    + " event: " + failure.getCause());
            metrics.rejected(source, Reason.UNAVAILABLE, 1);
            return PagerDutyResponse.unavailable(ingest.retryAfter().toSeconds());
        });
    }

    private Uni<Response> publish(Outcome outcome, String source, Timer.Sample sample) {
        return durable.publish(List.of(outcome.event()), source, sample, "accepted", outcome::accepted)
                .onFailure(KafkaUnavailable.class).recoverWithItem(failure -> {
                    KAFKA_UNAVAILABLE.refused(() -> "Kafka did not acknowledge, answering 503 to a " + source
                            + " event: " + failure.getCause());
                    return PagerDutyResponse.unavailable(ingest.retryAfter().toSeconds());
                });
    }

    private Uni<Response> refused(String source, Reason reason, Response response) {
        metrics.rejected(source, reason, 1);
        return Uni.createFrom().item(response);
    }
}
