package dev.tocsin.incident.subscription.rest;

import dev.tocsin.eventing.api.Actor;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.eventing.api.TeamAccess;
import dev.tocsin.eventing.directory.DirectoryReferences;
import dev.tocsin.incident.subscription.ServiceSubscriptions;
import dev.tocsin.incident.subscription.ServiceSubscriptions.Subscription;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Who receives the stakeholder updates of every incident on a service, besides each incident's own
 * subscribers ({@code …/incidents/{id}/subscribers}). A person subscribes themself with their own
 * token; the deployment's admin subscribes anyone. Reads need a viewer token.
 */
@Path("/api/v1/incident-subscriptions/{service}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents")
public class SubscriptionResource {

    private final ServiceSubscriptions subscriptions;
    private final DirectoryReferences directory;
    private final SecurityIdentity identity;
    private final Clock clock;

    SubscriptionResource(ServiceSubscriptions subscriptions, DirectoryReferences directory,
            SecurityIdentity identity, Clock clock) {
        this.subscriptions = subscriptions;
        this.directory = directory;
        this.identity = identity;
        this.clock = clock;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "Who receives the stakeholder updates of every incident on the service")
    public Uni<List<Subscription>> list(@PathParam("service") String service) {
        return directory.requireFound("service", service).chain(() -> subscriptions.of(service));
    }

    @RolesAllowed(Roles.RESPONDER)
    @PUT
    @Path("{person}")
    @Operation(summary = "Subscribe a person (yourself, with your own token) to the service's incidents' updates")
    public Uni<RestResponse<Subscription>> subscribe(@PathParam("service") String service,
            @PathParam("person") String person) {
        TeamAccess.requireSelf(identity, person, "subscribe " + person + " to incident updates");
        String by = Actor.of(identity).reference();
        Instant at = clock.instant();
        Subscription subscription = new Subscription(service, person, by, at);
        return directory.requireFound("service", service).chain(() -> directory.requireFound("person", person))
                .chain(() -> subscriptions.subscribe(service, person, by, at))
                .map(created -> created ? RestResponse.status(RestResponse.Status.CREATED, subscription)
                        : RestResponse.ok(subscription));
    }

    @RolesAllowed(Roles.RESPONDER)
    @DELETE
    @Path("{person}")
    @Operation(summary = "Unsubscribe a person (yourself, with your own token) from the service's incidents' updates")
    public Uni<RestResponse<Void>> unsubscribe(@PathParam("service") String service,
            @PathParam("person") String person) {
        TeamAccess.requireSelf(identity, person, "unsubscribe " + person + " from incident updates");
        return subscriptions.unsubscribe(service, person)
                .onFailure(ServiceSubscriptions.NotSubscribed.class)
                .transform(e -> new ProblemException(404, "Not Found", e.getMessage()))
                .map(nothing -> RestResponse.noContent());
    }
}
