package dev.tocsin.ingest.intake.alertmanager;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.ingest.intake.BatchIntake;
import dev.tocsin.ingest.intake.IntakeSecurity;
import dev.tocsin.ingest.intake.BatchReader;
import dev.tocsin.ingest.intake.IntegrationKeyRequired;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * Alertmanager API v2 {@code POST /api/v2/alerts}, so Prometheus' {@code alerting.alertmanagers}
 * can point straight at Tocsin. The answer is 202 only once Kafka holds every alert of the batch;
 * when Kafka cannot take them, 503 with {@code Retry-After}, so the sender tries again.
 */
@Path("/api/v2/alerts")
@IntegrationKeyRequired(PostableAlert.SOURCE)
@PermitAll
@SecurityRequirement(name = IntakeSecurity.BEARER)
@SecurityRequirement(name = IntakeSecurity.BASIC)
public class AlertmanagerResource {

    private final BatchIntake intake;
    private final ObjectMapper json;

    AlertmanagerResource(BatchIntake intake, ObjectMapper json) {
        this.intake = intake;
        this.json = json;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post alerts as Prometheus does (Alertmanager API v2)", description = BatchIntake.RULE)
    @RequestBody(description = "A JSON array of Alertmanager API v2 alerts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = PostableAlert.class)))
    public Uni<Response> post(byte[] body) {
        return intake.accept(BatchReader.alertmanagerV2(json, body), PostableAlert.SOURCE);
    }
}
