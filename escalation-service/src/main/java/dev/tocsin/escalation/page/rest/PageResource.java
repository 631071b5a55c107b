package dev.tocsin.escalation.page.rest;

import dev.tocsin.escalation.page.PageProjection;
import dev.tocsin.escalation.page.PageProjection.PageView;
import dev.tocsin.eventing.api.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Locale;

/** Pages: open, resolved, exhausted, and those nobody could be paged for, with the reason. */
@Path("/api/v1/pages")
public class PageResource {

    private final PageProjection projection;

    PageResource(PageProjection projection) {
        this.projection = projection;
    }

    @GET
    @WithSession
    public Uni<List<PageView>> list(@QueryParam("alertId") String alertId, @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ProblemException.badRequest("limit", "must be between 1 and 1000");
        }
        return projection.list(alertId, status == null ? null : status.toUpperCase(Locale.ROOT), limit);
    }

    @GET
    @Path("/{id}")
    @WithSession
    public Uni<PageView> get(@PathParam("id") String id) {
        return projection.get(id).map(p -> p.orElseThrow(() -> ProblemException.notFound("page " + id)));
    }
}
