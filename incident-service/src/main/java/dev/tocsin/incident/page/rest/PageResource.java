package dev.tocsin.incident.page.rest;

import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.incident.IncidentConfig;
import dev.tocsin.incident.page.PageSummary;
import dev.tocsin.incident.page.Pages;
import dev.tocsin.incident.timeline.Timelines;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
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

    @GET
    @Operation(summary = "Recently opened pages, newest first")
    public Uni<List<PageSummary>> recent(@QueryParam("limit") Integer limit) {
        int size = limit == null ? config.recentPages() : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ProblemException.badRequest("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return Panache.withSession(() -> pages.recent(size));
    }

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
