package dev.tocsin.ingest.drill;

import dev.tocsin.eventing.Sql;
import dev.tocsin.eventing.api.Problem.FieldError;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.eventing.audit.AuditTrail;
import dev.tocsin.eventing.directory.DirectoryReferences;
import dev.tocsin.events.alert.Drill;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.SignalAction;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.alert.store.AlertTable;
import dev.tocsin.ingest.intake.KafkaUnavailable;
import dev.tocsin.ingest.intake.KeyedEvents;
import dev.tocsin.ingest.intake.SignalPublisher;
import dev.tocsin.ingest.service.ServiceAccess;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Drills (SRE book ch. 11, disaster role-playing; ch. 14, practise): a synthetic alert for a
 * service, accepted like any other signal onto {@code tocsin.alert-signals}, so it goes the whole
 * real way: decided (always {@code PAGE}, never grouped into a storm; a silence or maintenance
 * window of the service holds it back as it would a real alert), paged by the service's policy to
 * whoever is on call, escalated, notified by each person's rules. It is marked as a drill
 * everywhere ({@link Drill}): its summary starts with "DRILL: " and its label {@value Drill#LABEL}
 * names the drill. escalation-service keeps how it went ({@code GET /api/v1/drills/{id}}) and
 * leaves it out of the on-call load; no declaration rule declares an incident for it.
 */
@Path("/api/v1/drills")
@Tag(name = "Drills")
public class DrillResource {

    /** The wire format recorded on a drill's signal. */
    static final String SOURCE = "tocsin-drill";
    static final String ALERT_NAME = "TocsinDrill";

    /**
     * @param service the service whose on-call the drill pages, as the directory names it
     * @param summary what the drill says, after "DRILL: "; by default that it is a paging drill, or
     *     which alert it replays
     * @param replay a resolved alert (its id) the drill plays again, to practise on what really
     *     happened (ch. 14): its labels, severity and annotations; the service defaults to its own
     */
    public record DrillRequest(String service, String summary, String replay) {
    }

    /** @param drillId names the drill on its alert, its page and escalation-service's {@code /api/v1/drills/{id}} */
    public record Started(String drillId, String service, String summary) {
    }

    private final SignalPublisher publisher;
    private final DirectoryReferences directory;
    private final SecurityIdentity identity;
    private final Clock clock;

    DrillResource(SignalPublisher publisher, DirectoryReferences directory, SecurityIdentity identity, Clock clock) {
        this.publisher = publisher;
        this.directory = directory;
        this.identity = identity;
        this.clock = clock;
    }

    @RolesAllowed(Roles.RESPONDER)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a drill: a synthetic alert for the service that pages its real on-call, marked as a "
            + "drill in every event and message; 202 once Kafka has it")
    public Uni<RestResponse<Started>> start(DrillRequest request) {
        if (request == null || KeyedEvents.blank(request.service()) && KeyedEvents.blank(request.replay())) {
            throw ProblemException.badRequest("service", "is required: the service whose on-call the drill pages");
        }
        Uni<Optional<AlertRow>> replayed = KeyedEvents.blank(request.replay()) ? Uni.createFrom().item(Optional.empty())
                : AlertTable.get(Sql.client(), request.replay().strip()).map(found -> Optional.of(found.orElseThrow(
                        () -> ProblemException.notFound("alert " + request.replay().strip()))));
        return replayed.chain(past -> {
            AlertSignalReceived signal = signal(request, past.orElse(null));
            return ServiceAccess.requireResponder(identity, directory, signal.service(), "start its drills")
                    .chain(() -> publisher.publish(List.of(signal)).onFailure().transform(KafkaUnavailable::new))
                    .chain(AuditTrail::writeAlone)
                    .replaceWith(RestResponse.accepted(new Started(Drill.idOf(signal.labels()), signal.service(),
                            signal.summary())));
        });
    }

    /**
     * The drill's signal: a paging drill of the service, or the replay of a resolved alert (its
     * labels, severity and annotations, under a summary of its own), labelled with a new drill id.
     * 400 naming the field when the request does not fit the alert it replays.
     */
    private AlertSignalReceived signal(DrillRequest request, AlertRow past) {
        List<FieldError> errors = new ArrayList<>();
        String service = KeyedEvents.blank(request.service()) ? past.service() : request.service().strip();
        if (past != null && !past.service().equals(service)) {
            errors.add(new FieldError("replay", "alert " + past.id() + " is of service " + past.service() + ", not "
                    + service));
        }
        if (past != null && past.isOpen()) {
            errors.add(new FieldError("replay", "alert " + past.id() + " is still open: a drill replays a resolved one"));
        }
        String said = !KeyedEvents.blank(request.summary()) ? request.summary().strip()
                : past != null ? "replay of " + past.summary()
                : "paging drill for " + service + ": acknowledge it as you would a real page";
        String summary = Drill.PREFIX + said;
        KeyedEvents.checkSummary(summary, "summary", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        String drillId = UUID.randomUUID().toString();
        Map<String, String> labels = new TreeMap<>(past == null ? Map.of("alertname", ALERT_NAME) : past.labels());
        labels.put("service", service);
        labels.put(Drill.LABEL, drillId);
        String severity = past == null || past.severity() == null ? "critical" : past.severity();
        labels.putIfAbsent("severity", severity);
        Map<String, String> annotations = new TreeMap<>(past == null ? Map.of() : past.annotations());
        annotations.put("summary", summary);
        Instant now = clock.instant();
        return new AlertSignalReceived(UUID.randomUUID(), "drill:" + drillId, SignalAction.TRIGGER, service, summary,
                severity, labels, annotations, now, null, null, SOURCE, now);
    }
}
