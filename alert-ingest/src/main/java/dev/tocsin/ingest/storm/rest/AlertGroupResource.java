package dev.tocsin.ingest.storm.rest;

import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.eventing.api.Paged;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;
import dev.tocsin.ingest.alert.AlertRow;
import dev.tocsin.ingest.alert.store.AlertSearch;
import dev.tocsin.ingest.storm.GroupRow;
import dev.tocsin.ingest.storm.GroupTable;
import dev.tocsin.ingest.alert.store.SearchDatabase;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
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

    private final SearchDatabase database;

    AlertGroupResource(SearchDatabase database) {
        this.database = database;
    }

    /** Newest first, paged by cursor. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    public RestResponse<List<GroupRow>> list(@QueryParam("service") String service, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context UriInfo uri) throws SQLException {
        PageRequest page = PageRequest.of(limit, cursor);
        String only = service == null || service.isBlank() ? null : service;
        return Paged.respond(database.read(connection -> GroupTable.list(connection, only, page.after().orElse(null),
                page.fetch())), page, GroupTable::cursor, uri);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    public GroupDetail get(@PathParam("id") String id, @QueryParam("limit") String limit) throws SQLException {
        int members = PageRequest.of("limit", limit, "cursor", null, 1000, 10_000).limit();
        // Reads of alerts run on the read pool, bounded in time, so they cannot take the pipeline's connections.
        return database.read(connection -> {
            GroupRow group = GroupTable.byId(connection, Set.of(id)).get(id);
            if (group == null) {
                throw ProblemException.notFound("alert group " + id);
            }
            return new GroupDetail(group, new AlertSearch(null, null, null, null, List.of(), null, null, id,
                    members).run(connection));
        });
    }
}
