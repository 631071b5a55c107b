package dev.tocsin.notifier.delivery.rest;

import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.notifier.delivery.DeliveryProjection;
import dev.tocsin.notifier.delivery.DeliveryRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

    static final int MAX_LIMIT = 500;

    private final DeliveryProjection projection;

    DeliveryResource(DeliveryProjection projection) {
        this.projection = projection;
    }

    /** The most recently changed deliveries, optionally of one page and/or one person. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    public Uni<List<DeliveryView>> list(@QueryParam("pageId") String pageId, @QueryParam("userId") String userId,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit", "must be between 1 and " + MAX_LIMIT);
        }
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
        Sort newestFirst = Sort.descending("updatedAt").and("id");
        return Panache.withSession(() -> (where.isEmpty()
                        ? DeliveryRow.<DeliveryRow>findAll(newestFirst)
                        : DeliveryRow.<DeliveryRow>find(String.join(" and ", where), newestFirst, values))
                        .page(0, limit).list())
                .map(rows -> rows.stream().map(DeliveryView::of).toList());
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

    /** Rewrites the deliveries table from the stored events, e.g. after a projection bug was fixed. */
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/rebuild")
    public Uni<Map<String, Integer>> rebuild() {
        return projection.rebuild().map(count -> Map.of("deliveries", count));
    }
}
