package dev.tocsin.escalation.page.rest;

import dev.tocsin.escalation.person.store.Users;
import dev.tocsin.escalation.page.Page;
import dev.tocsin.escalation.page.PageCommand;
import dev.tocsin.escalation.page.PageCommands;
import dev.tocsin.escalation.page.store.PageProjection;
import dev.tocsin.escalation.page.store.PageProjection.PageView;
import dev.tocsin.escalation.page.PageRefused;
import dev.tocsin.escalation.service.ServiceDefinition;
import dev.tocsin.escalation.service.store.Services;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.api.TeamAccess;
import dev.tocsin.events.directory.TeamRole;
import dev.tocsin.eventing.OutboxRelay;
import dev.tocsin.eventing.api.ActingPerson;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.eventing.api.Paged;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Pages: open, acknowledged, snoozed, resolved, exhausted, and those nobody could be paged for,
 * with the reason. A person or a tool acts on a page here without going through a monitoring
 * system: acknowledge, resolve, snooze, reassign, escalate now. Each answers the page as it is
 * afterwards; 409 when the page cannot do it in its state, naming the state.
 */
@Path("/api/v1/pages")
public class PageResource {

    /** How commands through this API are named in events and metrics. */
    static final String VIA = "api";
    static final Duration MIN_SNOOZE = Duration.ofMinutes(1);
    static final Duration MAX_SNOOZE = Page.MAX_SNOOZE;
    private static final Pattern PAGE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final PageProjection projection;
    private final PageCommands commands;
    private final Users users;
    private final OutboxRelay relay;
    private final Clock clock;
    private final SecurityIdentity identity;
    private final Services services;

    PageResource(PageProjection projection, PageCommands commands, Users users, OutboxRelay relay,
            Clock clock, SecurityIdentity identity, Services services) {
        this.services = services;
        this.projection = projection;
        this.commands = commands;
        this.users = users;
        this.relay = relay;
        this.clock = clock;
        this.identity = identity;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    public Uni<RestResponse<List<PageView>>> list(@QueryParam("alertId") String alertId,
            @Parameter(description = "a page status, in any case", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"OPEN", "ACKNOWLEDGED", "SNOOZED", "RESOLVED", "EXHAUSTED", "UNROUTED"}))
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
        if (Page.Status.shown().stream().noneMatch(s -> s.name().equals(name))) {
            throw ProblemException.badRequest("status", "must be one of " + Page.Status.shown());
        }
        return name;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    public Uni<PageView> get(@PathParam("id") String id) {
        return projection.get(id).map(p -> p.orElseThrow(() -> ProblemException.notFound("page " + id)));
    }

    /**
     * Stops the page's escalation; acknowledging an acknowledged page changes nothing (200), a
     * resolved or unrouted one answers 409.
     */
    @RolesAllowed(Roles.RESPONDER)
    @POST
    @Path("/{id}/acknowledge")
    public Uni<PageView> acknowledge(@PathParam("id") String id, @Valid PageActionRequest request) {
        known(id);
        PageCommand.Actor actor = actor(request == null ? null : request.by(), "acknowledges");
        return command(id, () -> Uni.createFrom().item(new PageCommand.Acknowledge(actor)));
    }

    /** Ends the page (not its alert): nobody further is notified. Resolving a resolved page changes nothing. */
    @RolesAllowed(Roles.RESPONDER)
    @POST
    @Path("/{id}/resolve")
    public Uni<PageView> resolve(@PathParam("id") String id, @Valid PageActionRequest request) {
        known(id);
        PageCommand.Actor actor = actor(request == null ? null : request.by(), "resolves");
        return command(id, () -> Uni.createFrom().item(new PageCommand.Resolve(actor)));
    }

    /** Notifies the next step of the page's policy now; 409 at the policy's last step. */
    @RolesAllowed(Roles.RESPONDER)
    @POST
    @Path("/{id}/escalate")
    public Uni<PageView> escalate(@PathParam("id") String id, @Valid PageActionRequest request) {
        known(id);
        PageCommand.Actor actor = actor(request == null ? null : request.by(), "escalates");
        return command(id, () -> Uni.createFrom().item(new PageCommand.EscalateNow(actor)));
    }

    /** Stops escalation until a time; then the current step's people are notified again if the alert still fires. */
    @RolesAllowed(Roles.RESPONDER)
    @POST
    @Path("/{id}/snooze")
    public Uni<PageView> snooze(@PathParam("id") String id, @Valid SnoozeRequest request) {
        known(id);
        PageCommand.Actor actor = actor(request == null ? null : request.by(), "snoozes");
        Instant now = clock.instant();
        FieldErrors errors = new FieldErrors();
        Instant until = null;
        if (request == null || (request.until() == null) == (request.duration() == null)) {
            errors.add("until", "give either until (an instant) or duration (such as PT1H), not both");
        } else {
            String field = request.until() != null ? "until" : "duration";
            until = request.until() != null ? request.until() : now.plus(request.duration());
            Duration length = Duration.between(now, until);
            if (length.compareTo(MIN_SNOOZE) < 0 || length.compareTo(MAX_SNOOZE) > 0) {
                errors.add(field, "must end between 1 minute and 24 hours from now (" + now + ")");
            }
        }
        errors.throwIfAny();
        Instant end = until;
        return command(id, () -> Uni.createFrom().item(new PageCommand.Snooze(end, actor)));
    }

    /** Hands the page to a person (at its current step) or to another escalation policy (from its step 1). */
    @RolesAllowed(Roles.RESPONDER)
    @POST
    @Path("/{id}/reassign")
    public Uni<PageView> reassign(@PathParam("id") String id, @Valid ReassignRequest request) {
        known(id);
        PageCommand.Actor actor = actor(request == null ? null : request.by(), "reassigns");
        if (request == null || (request.userId() == null) == (request.policyId() == null)) {
            throw ProblemException.badRequest("userId", "give either userId (a person) or policyId (an escalation "
                    + "policy), not both");
        }
        if (request.policyId() != null) {
            return run(id, () -> commands.reassignToPolicy(id, request.policyId(), actor)
                    .onFailure(PageCommands.NoSuchPolicy.class)
                    .transform(e -> ProblemException.badRequest("policyId", e.getMessage())));
        }
        return command(id, () -> users.missing(List.of(request.userId())).map(missing -> {
            if (!missing.isEmpty()) {
                throw ProblemException.badRequest("userId", "'" + request.userId() + "' does not exist");
            }
            return new PageCommand.Reassign(request.userId(), null, actor);
        }));
    }

    /**
     * Page ids are UUIDs ({@link dev.tocsin.escalation.page.store.Pages#idFor}): anything else names no
     * page, answered before the body is looked at.
     */
    private static void known(String id) {
        if (!PAGE_ID.matcher(id).matches()) {
            throw ProblemException.notFound("page " + id);
        }
    }

    /** Who acts, from the token and {@code by} ({@link ActingPerson}); a tool acting for a person is recorded as via the tool. */
    private PageCommand.Actor actor(String by, String does) {
        ActingPerson acting = ActingPerson.of(identity, by, does + " the page");
        return new PageCommand.Actor(acting.person(), acting.via() == null ? VIA : acting.via());
    }

    /** Reads what the command needs, then carries it out as {@link #run}. */
    private Uni<PageView> command(String id, Supplier<Uni<PageCommand>> command) {
        return run(id, () -> command.get().chain(c -> commands.handle(id, c)));
    }

    /** Decides and records in one transaction, and answers the page after it. */
    private Uni<PageView> run(String id, Supplier<Uni<PageCommands.Result>> work) {
        return Uni.createFrom().deferred(() -> AfterCommit.transaction(() -> requireResponder(id).chain(() -> work.get())
                        .onFailure(PageRefused.class).transform(e -> conflict(id, (PageRefused) e))
                        .onFailure(IllegalArgumentException.class)
                        .transform(e -> new ProblemException(400, "Bad Request", e.getMessage()))
                        .chain(result -> projection.get(id))))
                // A step deadline firing at the same moment appends to the page first; load it again and retry.
                .onFailure(e -> !(e instanceof ProblemException)).retry().atMost(2)
                .map(view -> view.orElseThrow(() -> ProblemException.notFound("page " + id)))
                .invoke(relay::wake);
    }

    /**
     * A person's or a tool's token acts on the pages of its own teams' services only: the
     * responder role in the team of the page's service. The deployment's own tokens act on any
     * page; a page of a service of no team is theirs alone. An unknown page is left to the command
     * to answer 404.
     */
    private Uni<Void> requireResponder(String id) {
        if (TeamAccess.deploymentWide(identity)) {
            return Uni.createFrom().voidItem();
        }
        return projection.get(id).chain(page -> page.isEmpty() ? Uni.createFrom().voidItem()
                : services.get(page.get().service()).invoke(service -> {
                    String team = service.map(ServiceDefinition::team).orElse(null);
                    if (team == null) {
                        throw new ProblemException(403, "Forbidden", "page " + id + " is of service "
                                + page.get().service() + ", which belongs to no team: only the deployment's own tokens"
                                + " act on it");
                    }
                    TeamAccess.require(identity, team, TeamRole.RESPONDER);
                }).replaceWithVoid());
    }

    private static ProblemException conflict(String id, PageRefused refused) {
        if (refused.status() == Page.Status.NEW) {
            return ProblemException.notFound("page " + id);
        }
        return new ProblemException(409, "Conflict", refused.getMessage());
    }
}
