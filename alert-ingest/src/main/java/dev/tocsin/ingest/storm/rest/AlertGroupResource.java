package dev.tocsin.ingest.storm.rest;

import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.alert.store.AlertSearch;
import dev.tocsin.ingest.storm.GroupRow;
import dev.tocsin.ingest.storm.GroupTable;
import io.agroal.api.AgroalDataSource;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/** Storm groups: each grouped page, with the list of alerts that joined it. */
@Path("/api/v1/alert-groups")
@Blocking
public class AlertGroupResource {

    /** A storm group and its members, newest first. */
    public record GroupDetail(GroupRow group, List<AlertRow> members) {
    }

    private final AgroalDataSource dataSource;

    AlertGroupResource(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    public List<GroupRow> list(@QueryParam("service") String service,
            @QueryParam("limit") @DefaultValue("100") int limit) throws SQLException {
        if (limit < 1 || limit > 1000) {
            throw ProblemException.badRequest("limit", "must be between 1 and 1000");
        }
        try (Connection connection = dataSource.getConnection()) {
            return GroupTable.list(connection, service == null || service.isBlank() ? null : service, limit);
        }
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    public GroupDetail get(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("1000") int limit)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            GroupRow group = GroupTable.byId(connection, Set.of(id)).get(id);
            if (group == null) {
                throw ProblemException.notFound("alert group " + id);
            }
            return new GroupDetail(group, new AlertSearch(null, null, null, null, List.of(), null, null, id,
                    Math.max(1, Math.min(limit, 10_000))).run(connection));
        }
    }
}
