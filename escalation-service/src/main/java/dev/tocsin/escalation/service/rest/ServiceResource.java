package dev.tocsin.escalation.service.rest;

import dev.tocsin.escalation.policy.store.Policies;
import dev.tocsin.escalation.service.ServiceDefinition;
import dev.tocsin.escalation.service.store.Services;
import dev.tocsin.escalation.store.DocumentResponses;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.Roles;
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
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/** Monitored services and the policy each pages by ({@code /api/v1/services}). */
@Path("/api/v1/services")
public class ServiceResource {

    private final Services services;
    private final Policies policies;

    ServiceResource(Services services, Policies policies) {
        this.services = services;
        this.policies = policies;
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/{id}")
    public Uni<Response> put(@PathParam("id") String id, @Valid @NotNull ServiceDefinition service) {
        FieldErrors errors = new FieldErrors();
        DocumentResponses.checkId(id, errors);
        errors.throwIfAny();
        ServiceDefinition stored = new ServiceDefinition(id, service.name(), service.criticality(),
                service.escalationPolicy());
        return AfterCommit.transaction(() -> policies.missing(List.of(service.escalationPolicy())).chain(missing -> {
            if (!missing.isEmpty()) {
                errors.add("escalationPolicy", "'" + service.escalationPolicy() + "' does not exist").throwIfAny();
            }
            return DocumentResponses.put(services.put(id, stored), stored);
        }));
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

    /** Nothing in escalation-service names a service; alert-ingest keeps its own profile of it. */
    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return DocumentResponses.delete("service " + id, Uni.createFrom().item(List.<String>of()), none -> services.delete(id));
    }
}
