package dev.tocsin.incident.page.rest;

import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.incident.IncidentConfig;
import dev.tocsin.incident.page.PageSummary;
import dev.tocsin.incident.page.Pages;
import dev.tocsin.incident.timeline.Timelines;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Pages and their timelines, as recorded from the other services' events. */
@Path("/api/v1/pages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Pages")
public class PageResource {

    static final int MAX_LIMIT = 500;

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
    @Operation(summary = "Recently opened pages, newest first")
    public Uni<List<PageSummary>> recent(
            @Parameter(description = "how many pages, 1 to " + MAX_LIMIT, schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("limit") String limit) {
        int size = limit == null || limit.isBlank() ? config.recentPages() : size(limit);
        return Panache.withSession(() -> pages.recent(size));
    }

    /** Read here rather than by JAX-RS, which answers a malformed number with 404 instead of naming the field. */
    private static int size(String limit) {
        try {
            int size = Integer.parseInt(limit.trim());
            if (size >= 1 && size <= MAX_LIMIT) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below, like a number out of range
        }
        throw ProblemException.badRequest("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("{pageId}/timeline")
    @Operation(summary = "Everything recorded about a page, oldest first")
    public Uni<PageTimeline> timeline(@PathParam("pageId") String pageId) {
        return Panache.withSession(() -> pages.find(pageId).chain(found -> {
            PageSummary page = found.orElseThrow(() -> ProblemException.notFound("page " + pageId));
            return timelines.ofPage(page.pageId(), page.alertId()).map(entries -> new PageTimeline(page.pageId(),
                    page.alertId(), page.service(), page.status(), entries));
        }));
    }
}
