package dev.tocsin.ingest.intake;

import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.ingest.IngestConfig;
import dev.tocsin.ingest.intake.IntakeMetrics.Reason;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;

/**
 * Accepts a batch of Alertmanager-style alerts, alert by alert: the valid ones are made durable on
 * Kafka, the invalid ones are named in the answer and never reach Kafka. All valid: 202
 * {@code {"status":"success","accepted":n}}; any invalid: 400 problem+json with {@code accepted}
 * (Alertmanager's own rule: it stores the valid alerts of a batch and answers 400). A batch over
 * {@code max-alerts-per-request} is refused whole.
 */
@ApplicationScoped
public class BatchIntake {

    /** The batch rule, as the OpenAPI description of every batch endpoint states it. */
    public static final String RULE = "A batch is decided alert by alert. The valid alerts are made durable on Kafka "
            + "before the answer; each invalid one is named in `errors` by its JSON path (`[i].field`, or "
            + "`alerts[i].field` for the webhook formats) and nothing of it reaches Kafka. All valid: 202 "
            + "`{\"status\":\"success\",\"accepted\":n}`. Any invalid: 400 problem+json with the extension "
            + "member `accepted` (how many were kept), as Alertmanager itself keeps the valid alerts of a batch and "
            + "answers 400. A batch over `tocsin.ingest.max-alerts-per-request` alerts is refused whole (400), as is "
            + "malformed JSON or a body that is not valid UTF-8. A string with a control character (other than tab, "
            + "newline, carriage return) or an unpaired surrogate makes its alert invalid, named by path; an alert "
            + "whose `service` label names a service the key does not speak for is invalid at `labels.service`. "
            + "401 without an active key, 403 for a key bound to Grafana's signature, 429 with Retry-After past the "
            + "key's rate limit or after too many unknown keys from one address, 413 past 256 KiB, 503 with "
            + "Retry-After when Kafka did not acknowledge or the key store is unreachable (retry the whole request).";

    /** The answer to a batch whose every alert is now durable. */
    public record Accepted(String status, int accepted) {

        /** As JSON, written by hand: it is the answer to nearly every intake request, and two fields need no serializer. */
        String json() {
            return "{\"status\":\"" + status + "\",\"accepted\":" + accepted + "}";
        }
    }

    private final Caller caller;
    private final DurableIntake durable;
    private final IntakeMetrics metrics;
    private final Clock clock;
    private final IngestConfig ingest;
    private final IntakeLimits limits;

    BatchIntake(Caller caller, DurableIntake durable, IntakeMetrics metrics, Clock clock, IngestConfig ingest,
            IntakeConfig config) {
        this.caller = caller;
        this.durable = durable;
        this.metrics = metrics;
        this.clock = clock;
        this.ingest = ingest;
        this.limits = IntakeLimits.of(config);
    }

    /** @param source the wire format */
    public Uni<Response> accept(ParsedBatch parsed, String source) {
        Timer.Sample sample = metrics.start();
        List<LabeledAlert> alerts = parsed.alerts();
        String path = parsed.at().isEmpty() ? "$" : parsed.at();
        if (alerts == null || alerts.isEmpty()) {
            metrics.rejected(source, Reason.INVALID, 1);
            throw ProblemException.badRequest(path, "expected a non-empty JSON array of alerts");
        }
        if (alerts.size() > ingest.maxAlertsPerRequest()) {
            metrics.rejected(source, Reason.TOO_MANY_ALERTS, 1);
            throw ProblemException.badRequest(path, "at most " + ingest.maxAlertsPerRequest()
                    + " alerts per request, got " + alerts.size());
        }
        Batch batch = LabeledAlerts.normalize(parsed, source, caller.key(), limits, clock.instant());
        int invalid = alerts.size() - batch.signals().size();
        if (invalid > 0) {
            metrics.rejected(source, Reason.INVALID, invalid);
        }
        if (batch.signals().isEmpty()) {
            metrics.accepted(sample, source, "invalid");
            return Uni.createFrom().item(IntakeProblems.invalid(batch.errors(), 0));
        }
        return durable.publish(batch.signals(), source, sample, batch.valid() ? "accepted" : "partial",
                () -> batch.valid()
                        ? Response.accepted(new Accepted("success", batch.signals().size()).json())
                                .type(MediaType.APPLICATION_JSON_TYPE).build()
                        : IntakeProblems.invalid(batch.errors(), batch.signals().size()));
    }
}
