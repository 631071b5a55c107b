package dev.tocsin.ingest.service.rest;

import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.ingest.service.ProfileDocument;
import dev.tocsin.ingest.service.ServiceProfile;
import dev.tocsin.ingest.service.ServiceProfileStore;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.ingest.silence.MatcherConfig;
import jakarta.annotation.security.RolesAllowed;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Service profiles: each service's criticality, SLOs, urgency rules and business hours, which
 * decide whether its alerts page, wait for business hours or are only logged. PUT replaces the
 * whole profile, so applying the same document twice changes nothing.
 */
@Path("/api/v1/services")
public class ServiceResource {

    private final ServiceProfileStore profiles;
    private final MatcherConfig matchers;

    ServiceResource(ServiceProfileStore profiles, MatcherConfig matchers) {
        this.profiles = profiles;
        this.matchers = matchers;
    }

    /** Creates (201) or replaces (200) the profile; the body's {@code id}, if any, must be the path's. */
    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/{id}")
    @WithTransaction
    public Uni<Response> put(@PathParam("id") String id, ProfileDocument body) {
        FieldErrors errors = new FieldErrors();
        if (body == null) {
            errors.add("body", "a service profile is required").throwIfAny();
        }
        if (body.id() != null && !body.id().equals(id)) {
            errors.add("id", "must be the id in the path (" + id + ") or left out");
        }
        ServiceProfile profile = body.toProfile(id, errors, matchers.maxValueLength());
        errors.throwIfAny();
        return profiles.put(profile).map(created -> Response.status(created ? 201 : 200)
                .entity(ProfileDocument.of(profile)).build());
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    @WithSession
    public Uni<ProfileDocument> get(@PathParam("id") String id) {
        return profiles.get(id).map(found -> found.map(ProfileDocument::of)
                .orElseThrow(() -> ProblemException.notFound("service profile " + id)));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @WithSession
    public Uni<List<ProfileDocument>> list() {
        return profiles.list().map(found -> found.stream().map(ProfileDocument::of).toList());
    }

    /** Deletes the profile: the service's alerts then page only as a service without SLOs does. */
    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{id}")
    @WithTransaction
    public Uni<Response> delete(@PathParam("id") String id) {
        return profiles.delete(id).map(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("service profile " + id);
            }
            return Response.noContent().build();
        });
    }
}
