package dev.tocsin.ingest.alert.rest;

import dev.tocsin.eventing.api.Roles;
import dev.tocsin.ingest.alert.store.Projections;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.sql.SQLException;

/**
 * Rebuilds alert-ingest's projections from the event store, e.g. after a projection bug was fixed.
 * Needs the admin token, like every change under {@code /api/v1}.
 */
@Path("/api/v1/admin/rebuild-projections")
public class RebuildResource {

    private final Projections projections;

    RebuildResource(Projections projections) {
        this.projections = projections;
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Blocking
    public Projections.Rebuilt rebuild() throws SQLException {
        return projections.rebuild();
    }
}
