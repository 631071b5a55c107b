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
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Set;

/** Storm groups: each grouped page, with the list of alerts that joined it. */
@Path("/api/v1/alert-groups")
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
    public Uni<RestResponse<List<GroupRow>>> list(@QueryParam("service") String service,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        PageRequest page = PageRequest.of(limit, cursor);
        String only = service == null || service.isBlank() ? null : service;
        return database.read(connection -> GroupTable.list(connection, only, page.after().orElse(null), page.fetch()))
                .map(found -> Paged.respond(found, page, GroupTable::cursor, uri));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    public Uni<GroupDetail> get(@PathParam("id") String id, @QueryParam("limit") String limit) {
        int members = PageRequest.of("limit", limit, "cursor", null, 1000, 10_000).limit();
        AlertSearch joined = new AlertSearch(null, null, null, null, List.of(), null, null, id, members);
        // Reads of alerts run on the read pool, bounded in time, so they cannot take the pipeline's connections.
        return database.read(connection -> GroupTable.byId(connection, Set.of(id)).chain(found -> {
            GroupRow group = found.get(id);
            if (group == null) {
                throw ProblemException.notFound("alert group " + id);
            }
            return joined.run(connection).map(alerts -> new GroupDetail(group, alerts));
        }));
    }
}
