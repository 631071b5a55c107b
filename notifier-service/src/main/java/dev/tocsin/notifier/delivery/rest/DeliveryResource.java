package dev.tocsin.notifier.delivery.rest;

import dev.tocsin.eventing.api.Cursor;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.eventing.api.Paged;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Redaction;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.notifier.delivery.DeliveryProjection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/** Where notifications stand: who was reached for a page, how, and what failed. */
@Path("/api/v1/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    private final DeliveryProjection deliveries;

    DeliveryResource(DeliveryProjection deliveries) {
        this.deliveries = deliveries;
    }

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
        boolean shown = Redaction.showsContacts();
        return deliveries.list(filter(pageId), filter(userId), page)
                .map(rows -> Paged.respond(rows.stream().map(row -> DeliveryView.of(row, shown)).toList(), page,
                        view -> Cursor.of(view.updatedAt(), view.id()), uri));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    public Uni<DeliveryView> get(@PathParam("id") String id) {
        return deliveries.get(id).map(row -> DeliveryView.of(row
                .orElseThrow(() -> ProblemException.notFound("delivery " + id))));
    }

    /** A blank filter is no filter. */
    private static String filter(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
