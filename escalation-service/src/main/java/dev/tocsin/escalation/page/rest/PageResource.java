package dev.tocsin.escalation.page.rest;

import dev.tocsin.escalation.page.Acknowledgements;
import dev.tocsin.escalation.page.Page;
import dev.tocsin.escalation.page.PageProjection;
import dev.tocsin.escalation.page.PageProjection.PageView;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.OutboxRelay;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.eventing.api.Paged;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Pages: open, acknowledged, resolved, exhausted, and those nobody could be paged for, with the
 * reason. A person or a tool can acknowledge a page here without going through a monitoring system.
 */
@Path("/api/v1/pages")
public class PageResource {

    /** How acknowledgements through this API are named in events and metrics. */
    static final String VIA = "api";

    private final PageProjection projection;
    private final Acknowledgements acknowledgements;
    private final OutboxRelay relay;

    PageResource(PageProjection projection, Acknowledgements acknowledgements, OutboxRelay relay) {
        this.projection = projection;
        this.acknowledgements = acknowledgements;
        this.relay = relay;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    public Uni<RestResponse<List<PageView>>> list(@QueryParam("alertId") String alertId,
            @Parameter(description = "a page status, in any case", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"OPEN", "ACKNOWLEDGED", "RESOLVED", "EXHAUSTED", "UNROUTED"}))
            @QueryParam("status") String status, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        PageRequest page = PageRequest.of(limit, cursor);
        return projection.list(alertId, status(status), page)
                .map(rows -> Paged.respond(rows, page, PageProjection::cursor, uri));
    }

    /** An unknown status is a typo, not a filter that matches nothing. */
    private static String status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        String name = status.trim().toUpperCase(Locale.ROOT);
        if (Arrays.stream(Page.Status.values()).noneMatch(s -> s.name().equals(name))) {
            throw ProblemException.badRequest("status", "must be one of " + Arrays.toString(Page.Status.values()));
        }
        return name;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    public Uni<PageView> get(@PathParam("id") String id) {
        return projection.get(id).map(p -> p.orElseThrow(() -> ProblemException.notFound("page " + id)));
    }

    /** Stops the page's escalation; 409 when it is not open (acknowledged, resolved, exhausted or unrouted). */
    @RolesAllowed(Roles.RESPONDER)
    @POST
    @Path("/{id}/acknowledge")
    public Uni<PageView> acknowledge(@PathParam("id") String id, @Valid AcknowledgeRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("by", "must name who acknowledges the page");
        }
        String by = request.by().strip();
        return Uni.createFrom().deferred(() -> AfterCommit.transaction(() -> acknowledgements.acknowledge(id, by, VIA)
                        .chain(result -> {
                            if (result.page() == null) {
                                throw ProblemException.notFound("page " + id);
                            }
                            if (!result.acknowledged()) {
                                throw new ProblemException(409, "Conflict", "page " + id + " is "
                                        + result.page().status() + "; only an open page can be acknowledged");
                            }
                            return projection.get(id);
                        })))
                // A step deadline firing at the same moment appends to the page first; load it again and retry.
                .onFailure(e -> !(e instanceof ProblemException)).retry().atMost(2)
                .map(view -> view.orElseThrow())
                .invoke(relay::wake);
    }
}
