package dev.tocsin.eventing.rebuild;

import dev.tocsin.eventing.audit.AuditTrail;
import dev.tocsin.eventing.api.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /api/v1/admin/rebuild} on every service: drops the service's projections and builds
 * them again from their events, e.g. after a projection bug was fixed, and answers what it wrote.
 * An operator's act: admin only.
 */
@Path("/api/v1/admin/rebuild")
@Produces(MediaType.APPLICATION_JSON)
public class RebuildResource {

    private final ProjectionRebuild rebuild;

    RebuildResource(ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    /** On a worker thread: a rebuild waits for its transactions and polls Kafka. */
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Blocking
    public Rebuilt rebuild() {
        Rebuilt rebuilt = rebuild.rebuild();
        // An operator's act, not one transaction: who rebuilt is recorded once it is done.
        AuditTrail.writeAlone().await().indefinitely();
        return rebuilt;
    }
}
