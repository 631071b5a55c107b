package dev.tocsin.ingest.change;

import dev.tocsin.eventing.api.Problem.FieldError;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.eventing.audit.AuditTrail;
import dev.tocsin.eventing.directory.DirectoryReferences;
import dev.tocsin.events.alert.Link;
import dev.tocsin.events.change.ChangeReceived;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Changes reported by the tools that make them (a deploy pipeline, a config push, a feature flag
 * service) with an API token, published on {@code tocsin.changes} as PagerDuty's Change Events
 * are, so a page's email and an incident show the last changes to its services (SRE book ch. 12).
 * Answered 202 once Kafka has the change, 503 when it does not acknowledge in time. A token of a team's person or tool reports changes only
 * to that team's services, with the responder role there.
 */
@Path("/api/v1/changes")
@Tag(name = "Changes")
public class ChangeResource {

    /** The wire format recorded on changes reported here. */
    static final String FORMAT = "tocsin-change-v1";

    /**
     * @param service the service changed, as the directory names it
     * @param summary what changed, in a line
     * @param source the tool or host that made it
     * @param timestamp when it happened; now when left out
     * @param details anything the tool adds (a build number, a commit), as JSON
     */
    public record ChangeRequest(String service, String summary, String source, Instant timestamp, List<Link> links,
            @Schema(type = SchemaType.OBJECT, description = "any JSON object") Object details) {
    }

    public record Accepted(String changeId) {
    }

    private final SignalPublisher publisher;
    private final DirectoryReferences directory;
    private final SecurityIdentity identity;
    private final Clock clock;

    ChangeResource(SignalPublisher publisher, DirectoryReferences directory, SecurityIdentity identity,
            Clock clock) {
        this.publisher = publisher;
        this.directory = directory;
        this.identity = identity;
        this.clock = clock;
    }

    @RolesAllowed(Roles.RESPONDER)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report a change to a service (a deploy, a config change, a feature flag), published on "
            + "tocsin.changes; 202 once Kafka has it")
    public Uni<RestResponse<Accepted>> report(ChangeRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw ProblemException.badRequest("service", "is required: the service changed");
        }
        if (KeyedEvents.blank(request.service())) {
            errors.add(new FieldError("service", "is required: the service changed"));
        }
        KeyedEvents.checkSummary(request.summary(), "summary", errors);
        KeyedEvents.checkLinks(request.links(), errors);
        if (request.details() != null && !(request.details() instanceof Map)) {
            errors.add(new FieldError("details", "must be a JSON object"));
        }
        if (request.source() != null && request.source().length() > KeyedEvents.MAX_SUMMARY) {
            errors.add(new FieldError("source", "must be at most " + KeyedEvents.MAX_SUMMARY + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        String service = request.service().strip();
        Instant now = clock.instant();
        return ServiceAccess.requireResponder(identity, directory, service, "report its changes")
                .chain(() -> {
                    ChangeReceived change = new ChangeReceived(UUID.randomUUID().toString(), service,
                            request.summary(), request.source(), request.timestamp() != null ? request.timestamp() : now,
                            KeyedEvents.details(request.details()), KeyedEvents.nullIfEmpty(request.links()), FORMAT, now);
                    return publisher.publish(List.of(change))
                            .onFailure().transform(KafkaUnavailable::new)
                            .chain(AuditTrail::writeAlone)
                            .replaceWith(RestResponse.accepted(new Accepted(change.changeId())));
                });
    }
}
