package dev.tocsin.ingest.silence.rest;

import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.ingest.silence.SuppressionRule.StatedRule;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * The endpoints silences and maintenance windows share, reading one and ending one early; the
 * subclasses add what differs, their create body and list filters. The OpenAPI document does not
 * see the role of an inherited method, so these name the API token scheme themselves.
 */
public abstract class RuleResource {

    final RuleEndpoints endpoints;
    private final String kind;
    private final String what;

    RuleResource(RuleEndpoints endpoints, String kind, String what) {
        this.endpoints = endpoints;
        this.kind = kind;
        this.what = what;
    }

    @SecurityRequirement(name = "apiToken")
    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public Uni<StatedRule> get(@PathParam("id") String id) {
        return endpoints.get(kind, what, id);
    }

    /**
     * Ends it now (404 when unknown, 409 when already ended); it stays listed as expired. The
     * deployment's admin, or an admin of the team of the rule's service, may.
     */
    @SecurityRequirement(name = "apiToken")
    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_ADMIN})
    public Uni<StatedRule> expire(@PathParam("id") String id) {
        return AfterCommit.transaction(() -> endpoints.expire(kind, what, id));
    }
}
