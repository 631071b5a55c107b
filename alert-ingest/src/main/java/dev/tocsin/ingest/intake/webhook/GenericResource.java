package dev.tocsin.ingest.intake.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.ingest.intake.Caller;
import dev.tocsin.ingest.intake.DurableIntake;
import dev.tocsin.ingest.intake.IntakeConfig;
import dev.tocsin.ingest.intake.IntakeLimits;
import dev.tocsin.ingest.intake.IntakeMetrics.Reason;
import dev.tocsin.ingest.intake.IntakeMetrics;
import dev.tocsin.ingest.intake.IntakeSecurity;
import dev.tocsin.ingest.intake.IntegrationKeyRequired;
import dev.tocsin.ingest.intake.KeyedBody;
import dev.tocsin.ingest.intake.KeyedEvents;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * A generic JSON webhook at {@code POST /hooks/generic} (schema in docs/intake.md), with header
 * credentials like the Alertmanager formats. 202 {@code {"status":"success","dedup_key":...}} once
 * Kafka holds the signal; errors are problem+json naming the field.
 */
@Path("/hooks/generic")
@IntegrationKeyRequired(GenericEvent.SOURCE)
@PermitAll
@SecurityRequirement(name = IntakeSecurity.BEARER)
@SecurityRequirement(name = IntakeSecurity.BASIC)
public class GenericResource {

    /** The answer to an accepted event: the dedup key to acknowledge or resolve it with later. */
    public record Accepted(String status, @JsonProperty("dedup_key") String dedupKey) {
    }

    private final Caller caller;
    private final DurableIntake durable;
    private final IntakeMetrics metrics;
    private final Clock clock;
    private final IntakeLimits limits;
    private final ObjectMapper json;

    GenericResource(Caller caller, DurableIntake durable, IntakeMetrics metrics, Clock clock, IntakeConfig config,
            ObjectMapper json) {
        this.json = json;
        this.caller = caller;
        this.durable = durable;
        this.metrics = metrics;
        this.clock = clock;
        this.limits = IntakeLimits.of(config);
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post one alert in Tocsin's generic JSON format (trigger, acknowledge or resolve)")
    @RequestBody(description = "One alert event", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = GenericEvent.class)))
    public Uni<Response> post(byte[] body) {
        Timer.Sample sample = metrics.start();
        KeyedBody<GenericEvent> read;
        try {
            read = KeyedBody.read(json, body, GenericEvent.class);
        } catch (ProblemException e) {
            metrics.rejected(GenericEvent.SOURCE, Reason.INVALID, 1);
            metrics.accepted(sample, GenericEvent.SOURCE, "invalid");
            throw e;
        }
        var normalized = read.unstorable().isEmpty()
                ? GenericNormalizer.normalize(read.event(), caller.key(), limits, clock.instant())
                : new KeyedEvents.Normalized(null, null, read.unstorable());
        if (!normalized.errors().isEmpty()) {
            metrics.rejected(GenericEvent.SOURCE, Reason.INVALID, 1);
            metrics.accepted(sample, GenericEvent.SOURCE, "invalid");
            throw ProblemException.badRequest(normalized.errors());
        }
        return durable.publish(List.of(normalized.signal()), GenericEvent.SOURCE, sample, "accepted",
                () -> Response.accepted(new Accepted("success", normalized.dedupKey())).build());
    }
}
