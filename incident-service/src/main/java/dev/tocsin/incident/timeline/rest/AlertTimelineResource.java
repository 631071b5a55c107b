package dev.tocsin.incident.timeline.rest;

import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.incident.page.Pages;
import dev.tocsin.incident.timeline.Timelines;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An alert's timeline, including alerts that paged nobody (ticket or log urgency). */
@Path("/api/v1/alerts/{alertId}/timeline")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts")
public class AlertTimelineResource {

    private final Pages pages;
    private final Timelines timelines;

    AlertTimelineResource(Pages pages, Timelines timelines) {
        this.pages = pages;
        this.timelines = timelines;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "Everything recorded about an alert and its pages, oldest first")
    public Uni<AlertTimeline> timeline(@PathParam("alertId") String alertId) {
        return pages.ofAlert(alertId).chain(alertPages -> timelines.ofAlert(alertId).map(entries -> {
            if (alertPages.isEmpty() && entries.isEmpty()) {
                throw ProblemException.notFound("alert " + alertId);
            }
            return new AlertTimeline(alertId, alertPages, entries);
        }));
    }
}
