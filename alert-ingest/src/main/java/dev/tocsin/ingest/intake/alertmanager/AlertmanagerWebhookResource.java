package dev.tocsin.ingest.intake.alertmanager;

import dev.tocsin.ingest.intake.BatchIntake;
import dev.tocsin.ingest.intake.IntakeSecurity;
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

/**
 * Alertmanager's webhook receiver ({@code webhook_config}, payload version 4) at
 * {@code POST /hooks/alertmanager}, for teams that keep their Alertmanager and add Tocsin as one
 * receiver. Credentials come as Alertmanager's {@code http_config} sends them: bearer or basic auth.
 * Each alert of the group becomes one signal; {@code status: resolved} resolves it.
 */
@Path("/hooks/alertmanager")
@IntegrationKeyRequired(WebhookMessage.SOURCE)
@PermitAll
@SecurityRequirement(name = IntakeSecurity.BEARER)
@SecurityRequirement(name = IntakeSecurity.BASIC)
public class AlertmanagerWebhookResource {

    private final BatchIntake intake;

    AlertmanagerWebhookResource(BatchIntake intake) {
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Alertmanager webhook receiver (payload version 4)", description = BatchIntake.RULE)
    public Uni<Response> post(WebhookMessage message) {
        return intake.accept(message == null ? null : message.labeled(), "alerts", WebhookMessage.SOURCE);
    }
}
