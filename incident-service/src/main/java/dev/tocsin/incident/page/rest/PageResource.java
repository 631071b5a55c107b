package dev.tocsin.incident.page.rest;

import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.eventing.api.Paged;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.incident.IncidentConfig;
import dev.tocsin.incident.page.PageSummary;
import dev.tocsin.incident.page.Pages;
import dev.tocsin.incident.timeline.Timelines;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Pages and their timelines, as recorded from the other services' events. */
@Path("/api/v1/pages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Pages")
public class PageResource {

    private final Pages pages;
    private final Timelines timelines;
    private final IncidentConfig config;

    PageResource(Pages pages, Timelines timelines, IncidentConfig config) {
        this.pages = pages;
        this.timelines = timelines;
        this.config = config;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "Recently opened pages, newest first, paged by cursor (Link rel=\"next\")")
    public Uni<RestResponse<List<PageSummary>>> recent(
            @Parameter(description = "how many pages, 1 to " + PageRequest.MAX_LIMIT,
                    schema = @Schema(type = SchemaType.INTEGER)) @QueryParam("limit") String limit,
            @Parameter(description = "the cursor from the previous answer's Link header") @QueryParam("cursor")
            String cursor, @Context UriInfo uri) {
        PageRequest page = PageRequest.of(limit, cursor, config.recentPages(), PageRequest.MAX_LIMIT);
        return pages.recent(page).map(rows -> Paged.respond(rows, page, Pages::cursor, uri));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("{pageId}/timeline")
    @Operation(summary = "Everything recorded about a page, oldest first")
    public Uni<PageTimeline> timeline(@PathParam("pageId") String pageId) {
        return pages.find(pageId).chain(found -> {
            PageSummary page = found.orElseThrow(() -> ProblemException.notFound("page " + pageId));
            return timelines.ofPage(page.pageId(), page.alertId()).map(entries -> new PageTimeline(page.pageId(),
                    page.alertId(), page.service(), page.status(), entries));
        });
    }
}
