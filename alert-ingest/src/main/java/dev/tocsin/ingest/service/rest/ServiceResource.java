package dev.tocsin.ingest.service.rest;

import org.jboss.resteasy.reactive.RestResponse;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.QueryParam;
import jakarta.annotation.security.RolesAllowed;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.eventing.api.Paged;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.eventing.api.Cursor;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.ingest.service.ProfileDocument;
import dev.tocsin.ingest.service.ServiceProfile;
import dev.tocsin.ingest.service.ServiceProfileStore;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.ingest.silence.MatcherConfig;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import dev.tocsin.eventing.directory.DirectoryReferences;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.List;
import java.util.Map;

/**
 * Service profiles: each service's criticality, SLOs, urgency rules and business hours, which
 * decide whether its alerts page, wait for business hours or are only logged. PUT replaces the
 * whole profile, so applying the same document twice changes nothing.
 */
@Path("/api/v1/services")
public class ServiceResource {

    private final ServiceProfileStore profiles;
    private final MatcherConfig matchers;
    private final DirectoryReferences directory;
    private final SecurityIdentity identity;

    ServiceResource(ServiceProfileStore profiles, MatcherConfig matchers, DirectoryReferences directory,
            SecurityIdentity identity) {
        this.directory = directory;
        this.identity = identity;
        this.profiles = profiles;
        this.matchers = matchers;
    }

    /**
     * Creates (201) or replaces (200) the profile; the body's {@code id}, if any, must be the path's.
     * The deployment's admin, or an admin of the service's team, may.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_ADMIN})
    @PUT
    @Path("/{id}")
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
        // A profile for a service the directory does not know would shape no alert anyone is paged for.
        return directory.requireServices(List.of(Map.entry("id", id)))
                .chain(() -> directory.requireOwner(identity, List.of(id)))
                .chain(() -> AfterCommit.transaction(() -> profiles.put(profile))).map(created -> Response.status(created ? 201 : 200)
                .entity(ProfileDocument.of(profile)).build());
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    public Uni<ProfileDocument> get(@PathParam("id") String id) {
        return profiles.get(id).map(found -> found.map(ProfileDocument::of)
                .orElseThrow(() -> ProblemException.notFound("service profile " + id)));
    }

    /** In id order, paged by cursor. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    public Uni<RestResponse<List<ProfileDocument>>> list(@QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        PageRequest page = PageRequest.of(limit, cursor);
        return profiles.list(page).map(found -> Paged.respond(found.stream().map(ProfileDocument::of).toList(), page,
                document -> Cursor.of(document.id()), uri));
    }

    /**
     * Deletes the profile: the service's alerts then page only as a service without SLOs does. The
     * deployment's admin, or an admin of the service's team, may.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_ADMIN})
    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return directory.requireOwner(identity, List.of(id)).chain(() -> AfterCommit.transaction(() -> profiles.delete(id)
                .invoke(deleted -> {
                    // Inside the transaction: deleting nothing commits nothing, not even an audit entry.
                    if (!deleted) {
                        throw ProblemException.notFound("service profile " + id);
                    }
                }))).map(deleted -> {
            return Response.noContent().build();
        });
    }
}
