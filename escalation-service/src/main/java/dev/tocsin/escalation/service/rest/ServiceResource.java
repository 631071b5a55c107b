package dev.tocsin.escalation.service.rest;

import dev.tocsin.escalation.policy.store.Policies;
import dev.tocsin.escalation.service.ServiceDefinition;
import dev.tocsin.escalation.service.store.Services;
import dev.tocsin.escalation.store.DocumentResponses;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Outbox;
import dev.tocsin.eventing.OutboxRelay;
import dev.tocsin.eventing.api.Actor;
import dev.tocsin.events.directory.ServiceDeleted;
import dev.tocsin.events.directory.ServiceSaved;
import io.quarkus.security.identity.SecurityIdentity;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.eventing.api.TeamAccess;
import dev.tocsin.escalation.team.TeamStore;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Monitored services and the policy each pages by ({@code /api/v1/services}). alert-ingest learns
 * of services from the {@code ServiceSaved} and {@code ServiceDeleted} written beside each change,
 * in its transaction.
 */
@Path("/api/v1/services")
public class ServiceResource {

    private final Services services;
    private final Policies policies;
    private final TeamStore teams;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;
    private final SecurityIdentity identity;

    ServiceResource(Services services, Policies policies, TeamStore teams, Outbox outbox, OutboxRelay relay,
            Clock clock, SecurityIdentity identity) {
        this.services = services;
        this.policies = policies;
        this.teams = teams;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
        this.identity = identity;
    }

    /**
     * Creates or replaces a service; the deployment's admin, or an admin of the team it belongs to
     * (before and after the change), may.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_ADMIN})
    @PUT
    @Path("/{id}")
    public Uni<Response> put(@PathParam("id") String id, @Valid @NotNull ServiceDefinition service) {
        FieldErrors errors = new FieldErrors();
        DocumentResponses.checkId(id, errors);
        errors.throwIfAny();
        String policy = blankToNull(service.escalationPolicy());
        String team = blankToNull(service.team());
        ServiceDefinition stored = new ServiceDefinition(id, service.name(), service.criticality(), policy, team);
        ServiceSaved saved = saved(stored);
        return AfterCommit.transaction(() -> services.get(id).chain(before -> {
            TeamAccess.requireOwner(identity, before.map(ServiceDefinition::team).orElse(team), team);
            return policies.missing(policy == null ? List.of() : List.of(policy));
        }).chain(missing -> teams.existing(team == null ? List.of() : List.of(team)).chain(existing -> {
            if (!missing.isEmpty()) {
                errors.add("escalationPolicy", "'" + policy + "' does not exist");
            }
            if (team != null && existing.isEmpty()) {
                errors.add("team", "'" + team + "' does not exist");
            }
            errors.throwIfAny();
            // Published in the change's transaction: every service's projection of the directory follows it.
            return DocumentResponses.put(services.put(id, stored).call(() -> outbox.append(saved)), stored);
        }))).invoke(relay::wake);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    public Uni<RestResponse<List<ServiceDefinition>>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        return DocumentResponses.list(services::list, ServiceDefinition::id, limit, cursor, uri);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    public Uni<ServiceDefinition> get(@PathParam("id") String id) {
        return DocumentResponses.one(services.get(id), "service " + id);
    }

    /**
     * Nothing in escalation-service names a service; alert-ingest keeps its own profile of it. The
     * deployment's admin or an admin of the service's team may delete it.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_ADMIN})
    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        Uni<List<String>> owned = services.get(id).map(found -> {
            found.ifPresent(service -> TeamAccess.requireOwner(identity, service.team()));
            return List.<String>of();
        });
        ServiceDeleted deleted = new ServiceDeleted(id, Actor.of(identity).reference(), clock.instant());
        return DocumentResponses.delete("service " + id, owned, none -> services.delete(id)
                        .call(found -> found ? outbox.append(deleted) : Uni.createFrom().voidItem()))
                .invoke(relay::wake);
    }

    /** The service as the directory publishes it. */
    private ServiceSaved saved(ServiceDefinition service) {
        return new ServiceSaved(service.id(), service.name(), service.criticality().name(), service.team(),
                Actor.of(identity).reference(), clock.instant());
    }
}
