package dev.tocsin.incident.incident.rest;

import dev.tocsin.eventing.api.ActingPerson;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.InstantParameters;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.eventing.api.Paged;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.eventing.change.RecentChanges;
import dev.tocsin.eventing.change.RecentChanges.RecentChange;
import dev.tocsin.eventing.directory.DirectoryReferences;
import dev.tocsin.incident.incident.Incident;
import dev.tocsin.incident.incident.Incident.Role;
import dev.tocsin.incident.incident.Incident.Severity;
import dev.tocsin.incident.incident.IncidentChange.EntryKind;
import dev.tocsin.incident.incident.IncidentChange.Result;
import dev.tocsin.incident.incident.IncidentCommand;
import dev.tocsin.incident.incident.IncidentHistory;
import dev.tocsin.incident.incident.IncidentMarkdown;
import dev.tocsin.incident.incident.IncidentPostmortem;
import dev.tocsin.incident.incident.IncidentRefused;
import dev.tocsin.incident.incident.IncidentRows;
import dev.tocsin.incident.incident.Incidents;
import dev.tocsin.incident.incident.StateDocument;
import dev.tocsin.incident.page.PageSummary;
import dev.tocsin.incident.page.Pages;
import dev.tocsin.incident.subscription.ServiceSubscriptions;
import dev.tocsin.incident.timeline.Timelines;
import dev.tocsin.incident.timeline.Timelines.Line;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Incidents, run as the SRE book's <i>Managing Incidents</i> asks. Reads need a viewer token; every
 * change needs a responder's and is made by a person (their own token, or {@code by} with a
 * deployment token), and the incident decides whether that person may: only the commander assigns
 * roles, hands command over and moves the status; only the person offered command accepts or
 * declines it; only the operations lead records mitigations; only role holders edit the document;
 * only the communications lead (the commander while nobody holds that role) posts stakeholder updates.
 */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents")
public class IncidentResource {

    private static final Pattern INCIDENT_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final int MAX_TITLE = 200;
    /** The most recent changes an incident shows. */
    static final int SHOWN_CHANGES = 20;
    static final int MAX_TEXT = 4000;
    static final int MAX_TODOS = 50;
    static final int MAX_NAMED = 50;
    static final Duration DEFAULT_OFFER = Duration.ofMinutes(15);
    static final Duration MIN_OFFER = Duration.ofMinutes(1);
    static final Duration MAX_OFFER = Duration.ofHours(2);

    private final Incidents incidents;
    private final IncidentRows rows;
    private final Pages pages;
    private final Timelines timelines;
    private final DirectoryReferences directory;
    private final RecentChanges changes;
    private final ServiceSubscriptions subscriptions;
    private final SecurityIdentity identity;
    private final Clock clock;

    IncidentResource(Incidents incidents, IncidentRows rows, Pages pages, Timelines timelines,
            DirectoryReferences directory, RecentChanges changes, ServiceSubscriptions subscriptions,
            SecurityIdentity identity, Clock clock) {
        this.changes = changes;
        this.subscriptions = subscriptions;
        this.incidents = incidents;
        this.rows = rows;
        this.pages = pages;
        this.timelines = timelines;
        this.directory = directory;
        this.identity = identity;
        this.clock = clock;
    }

    @RolesAllowed(Roles.RESPONDER)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Declare an incident; whoever declares holds command unless commander names someone else")
    public Uni<RestResponse<IncidentView>> declare(IncidentRequests.Declare request) {
        FieldErrors errors = new FieldErrors();
        if (request == null) {
            throw ProblemException.badRequest("title", "is required: what is wrong, in a line");
        }
        String title = text(errors, "title", request.title(), MAX_TITLE, true);
        Severity severity = severity(errors, request.severity(), true);
        List<String> services = names(errors, "services", request.services());
        List<String> pageIds = names(errors, "pageIds", request.pageIds());
        errors.throwIfAny();
        String acting = actor(request.by(), "declares the incident");
        String commander = request.commander() == null || request.commander().isBlank() ? acting
                : request.commander().strip();
        return directory.requirePeople(List.of(Map.entry("by", acting), Map.entry("commander", commander)))
                .chain(() -> directory.requireServices(DirectoryReferences.indexed("services", services)))
                .chain(() -> pagesOf(pageIds))
                .chain(found -> {
                    Set<String> affected = new LinkedHashSet<>(services);
                    found.forEach(page -> affected.add(page.service()));
                    String id = UUID.randomUUID().toString();
                    String reason = "declared by " + acting;
                    return incidents.execute(id, new IncidentCommand.Declare(title, severity, List.copyOf(affected),
                                    pageIds, reason, commander, acting))
                            .map(declared -> RestResponse.ResponseBuilder
                                    .<IncidentView>created(URI.create("/api/v1/incidents/" + id))
                                    .entity(IncidentView.of(declared, List.of(), clock.instant())).build());
                });
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "Incidents, newest declared first, narrowed by service, status, text and time; "
            + "paged by cursor (Link rel=\"next\")")
    public Uni<RestResponse<List<IncidentRows.Listed>>> search(
            @Parameter(description = "only incidents affecting this service") @QueryParam("service") String service,
            @Parameter(description = "active, mitigated, resolved or closed") @QueryParam("status") String status,
            @Parameter(description = "words the title or summary contains") @QueryParam("q") String text,
            @Parameter(description = "declared at or after this instant") @QueryParam("since") String since,
            @Parameter(description = "declared before this instant") @QueryParam("until") String until,
            @Parameter(description = "how many, 1 to " + PageRequest.MAX_LIMIT,
                    schema = @Schema(type = SchemaType.INTEGER)) @QueryParam("limit") String limit,
            @Parameter(description = "the cursor from the previous answer's Link header") @QueryParam("cursor")
            String cursor, @Context UriInfo uri) {
        FieldErrors errors = new FieldErrors();
        Incident.Status wanted = status == null ? null : status(errors, status);
        Instant from = since == null ? null : InstantParameters.parse("since", since, errors);
        Instant to = until == null ? null : InstantParameters.parse("until", until, errors);
        if (text != null && text.length() > MAX_TITLE) {
            errors.add("q", "must be at most " + MAX_TITLE + " characters");
        }
        errors.throwIfAny();
        PageRequest page = PageRequest.of(limit, cursor);
        return rows.search(new IncidentRows.Search(blankToNull(service), wanted, blankToNull(text), from, to), page)
                .map(found -> Paged.respond(found, page, IncidentRows::cursor, uri));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("{id}")
    @Operation(summary = "The incident: status, severity, roles, the last handoff of command, the state document")
    public Uni<IncidentView> get(@PathParam("id") String id) {
        return loaded(id).chain(loaded -> changesOf(loaded.incident())
                .map(changes -> IncidentView.of(loaded.incident(), changes, clock.instant())));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("{id}/timeline")
    @Operation(summary = "Everything recorded about the incident and its pages, oldest first: role changes, "
            + "handoffs, edits, and the notes, hypotheses, tests, results, mitigations and decisions people wrote")
    public Uni<List<Line>> timeline(@PathParam("id") String id) {
        return loaded(id).chain(this::timelineOf);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("{id}/document")
    @Produces("text/markdown")
    @Operation(summary = "The live incident state document as Markdown, timeline included")
    public Uni<String> document(@PathParam("id") String id) {
        return loaded(id).chain(loaded -> Uni.combine().all().unis(timelineOf(loaded), changesOf(loaded.incident()))
                .with((lines, changes) -> IncidentMarkdown.render(loaded.incident(), changes, lines)));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("{id}/postmortem")
    @Produces("text/markdown")
    @Operation(summary = "A blameless postmortem draft from the incident's record, as Markdown: impact, the "
            + "hypotheses tested, mitigations, recent changes, roles, timeline, and prompts for the rest")
    public Uni<String> postmortem(@PathParam("id") String id) {
        return loaded(id).chain(loaded -> Uni.combine().all().unis(timelineOf(loaded), changesOf(loaded.incident()))
                .with((lines, changes) -> IncidentPostmortem.render(loaded.incident(), loaded.events(), changes, lines,
                        clock.instant())));
    }

    @RolesAllowed(Roles.RESPONDER)
    @PUT
    @Path("{id}/roles/{role}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Assign operations, communications or planning (the commander only); command itself "
            + "changes hands by handoff")
    public Uni<IncidentView> assign(@PathParam("id") String id, @PathParam("role") String role,
            IncidentRequests.AssignRole request) {
        known(id);
        Role assigned = role(role);
        String person = request == null || request.person() == null || request.person().isBlank() ? null
                : request.person().strip();
        String acting = actor(request == null ? null : request.by(), "assigns the role");
        return directory.requirePeople(person == null ? List.of() : List.of(Map.entry("person", person)))
                .chain(() -> run(id, new IncidentCommand.AssignRole(assigned, person, acting)));
    }

    @RolesAllowed(Roles.RESPONDER)
    @POST
    @Path("{id}/handoff")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Offer command to someone (the commander only); the commander keeps it until they accept")
    public Uni<IncidentView> proposeHandoff(@PathParam("id") String id, IncidentRequests.ProposeHandoff request) {
        known(id);
        if (request == null || request.to() == null || request.to().isBlank()) {
            throw ProblemException.badRequest("to", "is required: the person offered command");
        }
        Duration offer = request.expiresAfter() == null ? DEFAULT_OFFER : request.expiresAfter();
        if (offer.compareTo(MIN_OFFER) < 0 || offer.compareTo(MAX_OFFER) > 0) {
            throw ProblemException.badRequest("expiresAfter", "must be between PT1M and PT2H");
        }
        String acting = actor(request.by(), "hands command over");
        String to = request.to().strip();
        return directory.requirePeople(List.of(Map.entry("to", to)))
                .chain(() -> run(id, new IncidentCommand.ProposeHandoff(to, offer, acting)));
    }

    @RolesAllowed(Roles.RESPONDER)
    @POST
    @Path("{id}/command")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take command of an incident nobody commands (one a declaration rule declared)")
    public Uni<IncidentView> takeCommand(@PathParam("id") String id, IncidentRequests.Acting request) {
        known(id);
        String acting = actor(request == null ? null : request.by(), "takes command");
        return run(id, new IncidentCommand.TakeCommand(acting));
    }

    @RolesAllowed(Roles.RESPONDER)
    @POST
    @Path("{id}/handoff/accept")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Accept the command offered to you: from now on you are the incident commander")
    public Uni<IncidentView> acceptHandoff(@PathParam("id") String id, IncidentRequests.Acting request) {
        known(id);
        String acting = actor(request == null ? null : request.by(), "accepts command");
        return run(id, new IncidentCommand.AcceptHandoff(acting));
    }

    @RolesAllowed(Roles.RESPONDER)
    @POST
    @Path("{id}/handoff/decline")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decline the command offered to you; the commander keeps it")
    public Uni<IncidentView> declineHandoff(@PathParam("id") String id, IncidentRequests.Acting request) {
        known(id);
        String acting = actor(request == null ? null : request.by(), "declines command");
        return run(id, new IncidentCommand.DeclineHandoff(acting));
    }

    @RolesAllowed(Roles.RESPONDER)
    @PUT
    @Path("{id}/document")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the state document (role holders only): summary, command post, next update due, "
            + "detailed status, exit criteria, to-dos; and the severity")
    public Uni<IncidentView> editDocument(@PathParam("id") String id, IncidentRequests.Document request) {
        known(id);
        if (request == null) {
            throw ProblemException.badRequest("summary", "is required: the document as it is to read");
        }
        FieldErrors errors = new FieldErrors();
        StateDocument document = new StateDocument(text(errors, "summary", request.summary(), MAX_TEXT, true),
                text(errors, "commandPost", request.commandPost(), MAX_TITLE, false), request.nextUpdateDue(),
                text(errors, "detailedStatus", request.detailedStatus(), MAX_TEXT, false),
                text(errors, "exitCriteria", request.exitCriteria(), MAX_TEXT, false), todos(errors, request.todos()));
        Severity severity = severity(errors, request.severity(), false);
        errors.throwIfAny();
        String acting = actor(request.by(), "edits the document");
        return run(id, new IncidentCommand.EditDocument(document, severity, acting));
    }

    @RolesAllowed(Roles.RESPONDER)
    @POST
    @Path("{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the status (the commander only): active, mitigated, resolved; closed once resolved")
    public Uni<IncidentView> changeStatus(@PathParam("id") String id, IncidentRequests.ChangeStatus request) {
        known(id);
        FieldErrors errors = new FieldErrors();
        if (request == null || request.status() == null) {
            throw ProblemException.badRequest("status", "is required: active, mitigated, resolved or closed");
        }
        Incident.Status status = status(errors, request.status());
        errors.throwIfAny();
        String acting = actor(request.by(), "changes the status");
        return run(id, new IncidentCommand.ChangeStatus(status, acting));
    }

    @RolesAllowed(Roles.RESPONDER)
    @POST
    @Path("{id}/entries")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Write into the troubleshooting record: a note, hypothesis, test, result (positive or "
            + "negative), mitigation (the operations lead only) or decision")
    public Uni<IncidentView> write(@PathParam("id") String id, IncidentRequests.WriteEntry request) {
        known(id);
        if (request == null) {
            throw ProblemException.badRequest("kind", "is required: note, hypothesis, test, result, mitigation or "
                    + "decision");
        }
        FieldErrors errors = new FieldErrors();
        EntryKind kind = choice(errors, "kind", request.kind(), EntryKind.class, true);
        String text = text(errors, "text", request.text(), MAX_TEXT, true);
        Result result = choice(errors, "result", request.result(), Result.class, kind == EntryKind.RESULT);
        if (kind != null && kind != EntryKind.RESULT && result != null) {
            errors.add("result", "belongs to a result only; this entry is a " + request.kind().strip());
        }
        errors.throwIfAny();
        String acting = actor(request.by(), "writes the entry");
        return run(id, new IncidentCommand.WriteEntry(kind, text, result, acting));
    }

    @RolesAllowed(Roles.RESPONDER)
    @PUT
    @Path("{id}/subscribers/{person}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe a person to the incident's stakeholder updates: yourself, or anyone as its "
            + "commander or communications lead")
    public Uni<IncidentView> subscribe(@PathParam("id") String id, @PathParam("person") String person,
            IncidentRequests.Acting request) {
        known(id);
        String acting = actor(request == null ? null : request.by(), "subscribes");
        return directory.requireFound("person", person)
                .chain(() -> run(id, new IncidentCommand.Subscribe(person, acting)));
    }

    @RolesAllowed(Roles.RESPONDER)
    @DELETE
    @Path("{id}/subscribers/{person}")
    @Operation(summary = "Unsubscribe a person from the incident's stakeholder updates")
    public Uni<IncidentView> unsubscribe(@PathParam("id") String id, @PathParam("person") String person,
            @QueryParam("by") String by) {
        known(id);
        return run(id, new IncidentCommand.Unsubscribe(person, actor(by, "unsubscribes")));
    }

    @RolesAllowed(Roles.RESPONDER)
    @POST
    @Path("{id}/updates")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post a stakeholder update (the communications lead; the commander while nobody holds "
            + "that role): sent quietly, by email and chat, to the incident's and its services' subscribers")
    public Uni<IncidentView> postUpdate(@PathParam("id") String id, IncidentRequests.PostUpdate request) {
        known(id);
        if (request == null) {
            throw ProblemException.badRequest("text", "is required: what stakeholders are told");
        }
        FieldErrors errors = new FieldErrors();
        String text = text(errors, "text", request.text(), MAX_TEXT, true);
        errors.throwIfAny();
        String acting = actor(request.by(), "posts the update");
        return loaded(id).chain(loaded -> subscriptions.peopleOf(loaded.incident().services()))
                .chain(subscribers -> run(id, new IncidentCommand.PostUpdate(text, request.nextUpdateDue(),
                        subscribers, acting)));
    }

    /** The person the request acts as ({@link ActingPerson}), checked against the directory where it acts. */
    private String actor(String by, String does) {
        return ActingPerson.of(identity, by, does).person();
    }

    /** Carries the command out once its actor is a person the directory knows (400 naming {@code by} otherwise). */
    private Uni<IncidentView> run(String id, IncidentCommand command) {
        return directory.requirePeople(List.of(Map.entry("by", command.by())))
                .chain(() -> incidents.execute(id, command))
                .onFailure(IncidentRefused.class).transform(e -> refusal((IncidentRefused) e))
                .onFailure(Incidents.NoSuchIncident.class).transform(e -> ProblemException.notFound(e.getMessage()))
                .chain(after -> changesOf(after).map(changes -> IncidentView.of(after, changes, clock.instant())));
    }

    /** Incident ids are UUIDs: anything else names no incident, answered before the body is looked at. */
    private static void known(String id) {
        if (!INCIDENT_ID.matcher(id).matches()) {
            throw ProblemException.notFound("incident " + id);
        }
    }

    private static ProblemException refusal(IncidentRefused refused) {
        return refused.why() == IncidentRefused.Why.FORBIDDEN
                ? new ProblemException(403, "Forbidden", refused.getMessage())
                : new ProblemException(409, "Conflict", refused.getMessage());
    }

    private Uni<Incidents.Loaded> loaded(String id) {
        known(id);
        return incidents.load(id).map(found -> found.orElseThrow(() -> ProblemException.notFound("incident " + id)));
    }

    /** The changes to the incident's services from {@link RecentChanges#LOOK_BACK} before its declaration until now. */
    private Uni<List<RecentChange>> changesOf(Incident incident) {
        return changes.between(incident.services(), incident.declaredAt().minus(RecentChanges.LOOK_BACK),
                clock.instant(), SHOWN_CHANGES);
    }

    private Uni<List<Line>> timelineOf(Incidents.Loaded loaded) {
        Incident incident = loaded.incident();
        Uni<List<Line>> changed = changesOf(incident).map(found -> found.stream().map(IncidentHistory::line).toList());
        return Uni.combine().all().unis(pagesOf(incident.pageIds()), changed).asTuple().chain(both -> {
            List<PageSummary> found = both.getItem1();
            List<Line> changeLines = both.getItem2();
            if (found.isEmpty()) {
                return Uni.createFrom().item(changeLines);
            }
            List<Uni<List<Line>>> reads = found.stream().map(p -> timelines.ofPage(p.pageId(), p.alertId())).toList();
            return Uni.join().all(reads).andFailFast().map(all -> {
                List<Line> lines = new ArrayList<>(changeLines);
                all.forEach(lines::addAll);
                return lines;
            });
        }).map(others -> IncidentHistory.timeline(incident, loaded.events(), others, clock.instant()));
    }

    /** The pages named, as known here; a 400 naming each unknown one. */
    private Uni<List<PageSummary>> pagesOf(List<String> pageIds) {
        if (pageIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pages.findAll(pageIds).map(found -> {
            Map<String, PageSummary> byId = new HashMap<>();
            found.forEach(page -> byId.put(page.pageId(), page));
            FieldErrors errors = new FieldErrors();
            List<PageSummary> known = new ArrayList<>();
            for (int i = 0; i < pageIds.size(); i++) {
                PageSummary page = byId.get(pageIds.get(i));
                if (page == null) {
                    errors.add("pageIds[" + i + "]", "'" + pageIds.get(i) + "' is no page known here");
                } else {
                    known.add(page);
                }
            }
            errors.throwIfAny();
            return known;
        });
    }

    private static String text(FieldErrors errors, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(field, "is required");
            }
            return null;
        }
        if (value.length() > max) {
            errors.add(field, "must be at most " + max + " characters");
        }
        return value.strip();
    }

    private static List<String> names(FieldErrors errors, String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_NAMED) {
            errors.add(field, "names at most " + MAX_NAMED);
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.isBlank() || value.length() > MAX_TITLE) {
                errors.add(field + "[" + i + "]", "must be an id of 1 to " + MAX_TITLE + " characters");
            } else if (!names.contains(value.strip())) {
                names.add(value.strip());
            }
        }
        return names;
    }

    private static List<String> todos(FieldErrors errors, List<String> todos) {
        if (todos == null) {
            return List.of();
        }
        if (todos.size() > MAX_TODOS) {
            errors.add("todos", "holds at most " + MAX_TODOS);
            return List.of();
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < todos.size(); i++) {
            String todo = text(errors, "todos[" + i + "]", todos.get(i), MAX_TITLE * 2, true);
            if (todo != null) {
                kept.add(todo);
            }
        }
        return kept;
    }

    private static Severity severity(FieldErrors errors, String value, boolean required) {
        return choice(errors, "severity", value, Severity.class, required);
    }

    private static Incident.Status status(FieldErrors errors, String value) {
        Incident.Status status = choice(errors, "status", value, Incident.Status.class, true);
        if (status == Incident.Status.NEW) {
            errors.add("status", "must be one of active, mitigated, resolved, closed");
            return null;
        }
        return status;
    }

    /** One of {@code type}'s constants, in any case; a 400 listing them otherwise. */
    private static <E extends Enum<E>> E choice(FieldErrors errors, String field, String value, Class<E> type,
            boolean required) {
        List<String> words = Arrays.stream(type.getEnumConstants())
                .filter(e -> !"NEW".equals(e.name())).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(field, "is required: one of " + String.join(", ", words));
            }
            return null;
        }
        String word = value.strip().toLowerCase(Locale.ROOT);
        if (!words.contains(word)) {
            errors.add(field, "must be one of " + String.join(", ", words));
            return null;
        }
        return Enum.valueOf(type, word.toUpperCase(Locale.ROOT));
    }

    private static Role role(String role) {
        FieldErrors errors = new FieldErrors();
        Role chosen = choice(errors, "role", role, Role.class, true);
        if (chosen == null) {
            throw new ProblemException(404, "Not Found", "no role '" + role
                    + "': the roles are commander, operations, communications, planning");
        }
        return chosen;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
