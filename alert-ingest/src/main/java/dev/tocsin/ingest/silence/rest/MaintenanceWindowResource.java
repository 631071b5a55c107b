package dev.tocsin.ingest.silence.rest;

import org.jboss.resteasy.reactive.RestResponse;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import jakarta.annotation.security.RolesAllowed;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.eventing.directory.DirectoryReferences;
import dev.tocsin.ingest.service.ServiceIds;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.ingest.silence.SuppressionRule;
import dev.tocsin.ingest.silence.SuppressionRule.StatedRule;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Maintenance windows: every alert of one service is muted while its window is active, whatever
 * its labels, because planned work on a service makes all its alerts expected. Ended windows stay listed.
 */
@Path(MaintenanceWindowResource.PATH)
public class MaintenanceWindowResource extends RuleResource {

    static final String PATH = "/api/v1/maintenance-windows";

    /** A new maintenance window; {@code startsAt} defaults to now. */
    public record NewWindow(String service, Instant startsAt, Instant endsAt, String createdBy, String comment) {
    }

    private final DirectoryReferences directory;

    MaintenanceWindowResource(RuleEndpoints endpoints, DirectoryReferences directory) {
        super(endpoints, SuppressionRule.MAINTENANCE, "maintenance window");
        this.directory = directory;
    }

    /** Opens a window; the deployment's admin, or an admin of the service's team, may. */
    @POST
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_ADMIN})
    public Uni<Response> create(NewWindow body) {
        FieldErrors errors = new FieldErrors();
        NewWindow window = body == null ? new NewWindow(null, null, null, null, null) : body;
        ServiceIds.check(window.service(), "service", errors);
        RuleEndpoints.Common common = endpoints.common(window.startsAt(), window.endsAt(), window.createdBy(),
                window.comment(), errors);
        errors.throwIfAny();
        return directory.requireServices(List.of(Map.entry("service", window.service())))
                .chain(() -> endpoints.requireOwner(SuppressionRule.MAINTENANCE, window.service()))
                .chain(() -> AfterCommit.transaction(() -> endpoints.create(PATH, SuppressionRule.MAINTENANCE,
                        window.service(), null, common)));
    }

    /** Newest first; {@code service} filters by service, {@code state} is active, pending or expired. */
    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<RestResponse<List<StatedRule>>> list(@QueryParam("service") String service,
            @QueryParam("state") String state, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        String only = service == null || service.isBlank() ? null : service;
        return endpoints.list(SuppressionRule.MAINTENANCE, only, state, limit, cursor, uri);
    }
}
