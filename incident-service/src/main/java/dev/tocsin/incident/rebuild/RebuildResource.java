package dev.tocsin.incident.rebuild;

import dev.tocsin.eventing.api.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Rebuilds incident-service's projections from the topics, e.g. after a change to how entries are
 * written. Needs the admin token like every mutating {@code /api/v1} call. Timelines read during
 * the rebuild are incomplete until it returns.
 */
@Path("/api/v1/admin/rebuild")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin")
public class RebuildResource {

    private final ProjectionRebuild rebuild;

    RebuildResource(ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Blocking
    @Operation(summary = "Drop the timeline and pages and replay every consumed topic from the beginning")
    public RebuildResult rebuild() throws Throwable {
        return rebuild.rebuild();
    }
}
