package dev.tocsin.ingest.alert.rest;

import dev.tocsin.ingest.alert.AlertProjection;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/**
 * Rebuilds alert-ingest's projections from the event store, e.g. after a projection bug was fixed.
 * Needs the admin token, like every change under {@code /api/v1}.
 */
@Path("/api/v1/admin/rebuild-projections")
public class RebuildResource {

    private final AlertProjection alerts;

    RebuildResource(AlertProjection alerts) {
        this.alerts = alerts;
    }

    @POST
    public Uni<AlertProjection.Rebuilt> rebuild() {
        return alerts.rebuild();
    }
}
