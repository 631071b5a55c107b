package dev.tocsin.ingest.intake.grafana;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.ingest.intake.BatchIntake;
import dev.tocsin.ingest.intake.BatchReader;
import dev.tocsin.ingest.intake.Caller;
import dev.tocsin.ingest.intake.IntakeConfig;
import dev.tocsin.ingest.intake.IntakeMetrics;
import dev.tocsin.ingest.intake.IntakeMetrics.Reason;
import dev.tocsin.ingest.intake.IntakeProblems;
import dev.tocsin.ingest.intake.IntakeSecurity;
import dev.tocsin.ingest.intake.IntegrationKeyRequired;
import dev.tocsin.ingest.intake.alertmanager.WebhookMessage;
import dev.tocsin.ingest.intake.grafana.GrafanaSignature.Verdict;
import dev.tocsin.ingest.key.IntegrationKey;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * Grafana Alerting's webhook contact point at {@code POST /hooks/grafana}: Alertmanager's webhook
 * shape with Grafana's extras ({@link WebhookMessage}), its URLs becoming links and an image, its
 * query values details. Credentials as Grafana sends them (bearer or basic auth). When the
 * integration key has a signing secret, the request must also carry Grafana's HMAC signature (the
 * contact point's "HMAC Signature" settings), checked over the raw body before it is read; a
 * missing, wrong, stale or replayed one is 401 and nothing is published. Such a key is accepted on
 * no other endpoint.
 */
@Path("/hooks/grafana")
@IntegrationKeyRequired(value = GrafanaResource.SOURCE, verifiesSignatures = true)
@PermitAll
@SecurityRequirement(name = IntakeSecurity.BEARER)
@SecurityRequirement(name = IntakeSecurity.BASIC)
public class GrafanaResource {

    public static final String SOURCE = "grafana";

    private final Caller caller;
    private final BatchIntake intake;
    private final ObjectMapper json;
    private final IntakeMetrics metrics;
    private final IntakeConfig config;
    private final SeenSignatures seen;
    private final Clock clock;

    GrafanaResource(Caller caller, BatchIntake intake, ObjectMapper json, IntakeMetrics metrics, IntakeConfig config,
            SeenSignatures seen, Clock clock) {
        this.caller = caller;
        this.intake = intake;
        this.json = json;
        this.metrics = metrics;
        this.config = config;
        this.seen = seen;
        this.clock = clock;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grafana Alerting webhook contact point, optionally HMAC-signed", description = BatchIntake.RULE)
    @RequestBody(description = "A Grafana Alerting webhook notification",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookMessage.class)))
    public Uni<Response> post(byte[] body, @Context HttpHeaders headers) {
        IntegrationKey key = caller.key();
        if (key.signing() == null) {
            return intake.accept(BatchReader.webhook(json, body), SOURCE);
        }
        Verdict verdict = GrafanaSignature.verify(key.signing(), headers::getHeaderString, body, clock.instant(),
                config.signatureMaxAge());
        if (verdict != Verdict.VALID) {
            return refused("the request's is " + verdict.name().toLowerCase(Locale.ROOT));
        }
        String signature = GrafanaSignature.presented(key.signing(), headers::getHeaderString);
        if (!seen.firstSighting(key.id(), signature)) {
            return refused("the request's was already used within " + config.signatureMaxAge().multipliedBy(2)
                    .toMinutes() + " minutes: a replay");
        }
        try {
            return intake.accept(BatchReader.webhook(json, body), SOURCE)
                    .onFailure().invoke(() -> seen.forget(key.id(), signature));
        } catch (RuntimeException e) {
            seen.forget(key.id(), signature);
            throw e;
        }
    }

    private Uni<Response> refused(String why) {
        metrics.rejected(SOURCE, Reason.SIGNATURE, 1);
        return Uni.createFrom().item(IntakeProblems.unauthorized("this integration key requires Grafana's HMAC "
                + "signature; " + why));
    }
}
