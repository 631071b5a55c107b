package dev.tocsin.notifier.delivery.rest;

import dev.tocsin.eventing.api.Cursor;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.eventing.api.Paged;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Redaction;
import dev.tocsin.eventing.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;
import dev.tocsin.notifier.delivery.DeliveryRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where notifications stand: who was reached for a page, how, and what failed. */
@Path("/api/v1/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    /**
     * The most recently changed deliveries, optionally of one page and/or one person, paged by
     * (updatedAt, id). A delivery that changes while a caller pages moves to the front, so a walk
     * through the pages shows each delivery at most once, as it stood when its page was read.
     */
    @RolesAllowed(Roles.VIEWER)
    @GET
    public Uni<RestResponse<List<DeliveryView>>> list(@QueryParam("pageId") String pageId,
            @QueryParam("userId") String userId, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        PageRequest page = PageRequest.of(limit, cursor);
        List<String> where = new ArrayList<>();
        Map<String, Object> values = new HashMap<>();
        if (pageId != null && !pageId.isBlank()) {
            where.add("pageId = :pageId");
            values.put("pageId", pageId);
        }
        if (userId != null && !userId.isBlank()) {
            where.add("userId = :userId");
            values.put("userId", userId);
        }
        page.after().ifPresent(c -> {
            where.add("(updatedAt < :afterAt or (updatedAt = :afterAt and id < :afterId))");
            values.put("afterAt", c.instant(0));
            values.put("afterId", c.string(1));
        });
        Sort newestFirst = Sort.descending("updatedAt", "id");
        boolean shown = Redaction.showsContacts();
        return Panache.withSession(() -> (where.isEmpty()
                        ? DeliveryRow.<DeliveryRow>findAll(newestFirst)
                        : DeliveryRow.<DeliveryRow>find(String.join(" and ", where), newestFirst, values))
                        .range(0, page.fetch() - 1).list())
                .map(rows -> Paged.respond(rows.stream().map(row -> DeliveryView.of(row, shown)).toList(), page,
                        view -> Cursor.of(view.updatedAt(), view.id()), uri));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    public Uni<DeliveryView> get(@PathParam("id") String id) {
        return Panache.withSession(() -> DeliveryRow.<DeliveryRow>findById(id)).map(row -> {
            if (row == null) {
                throw ProblemException.notFound("delivery " + id);
            }
            return DeliveryView.of(row);
        });
    }
}
