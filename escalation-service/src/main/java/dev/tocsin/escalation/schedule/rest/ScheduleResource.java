package dev.tocsin.escalation.schedule.rest;

import dev.tocsin.escalation.EscalationConfig;
import dev.tocsin.escalation.person.User;
import dev.tocsin.escalation.person.store.Users;
import dev.tocsin.escalation.schedule.ScheduleDocument;
import dev.tocsin.escalation.schedule.ScheduleRules;
import dev.tocsin.escalation.schedule.store.ScheduleDocuments;
import dev.tocsin.escalation.store.DocumentResponses;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.eventing.api.TeamAccess;
import dev.tocsin.escalation.team.TeamStore;
import dev.tocsin.escalation.handoff.HandoffNotices;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Schedules ({@code /api/v1/schedules}), layered or a single rotation (docs/schedules.md). A PUT
 * checks, in one statement with the write's transaction, that every participant exists, and
 * fills each layered participant's zone from their user where the body gives none.
 */
@Path("/api/v1/schedules")
public class ScheduleResource {

    private final ScheduleDocuments schedules;
    private final Users users;
    private final TeamStore teams;
    private final EscalationConfig config;
    private final SecurityIdentity identity;
    private final HandoffNotices handoffs;

    ScheduleResource(ScheduleDocuments schedules, Users users, TeamStore teams, EscalationConfig config,
            SecurityIdentity identity, HandoffNotices handoffs) {
        this.handoffs = handoffs;
        this.schedules = schedules;
        this.users = users;
        this.teams = teams;
        this.config = config;
        this.identity = identity;
    }

    /**
     * Creates or replaces a schedule; the deployment's admin, or an admin of the team it belongs to
     * (before and after the change), may.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_ADMIN})
    @PUT
    @Path("/{id}")
    public Uni<Response> put(@PathParam("id") String id, @Valid @NotNull ScheduleDocument schedule) {
        FieldErrors errors = new FieldErrors();
        DocumentResponses.checkId(id, errors);
        ScheduleRules.check(schedule, config.maxParticipants(), config.maxScheduleLayers(), errors);
        errors.throwIfAny();
        List<Map.Entry<String, String>> named = schedule.participants();
        Set<String> people = new LinkedHashSet<>();
        named.forEach(e -> people.add(e.getValue()));
        String team = schedule.team() == null || schedule.team().isBlank() ? null : schedule.team();
        return AfterCommit.transaction(() -> schedules.get(id).chain(before -> {
            TeamAccess.requireOwner(identity, before.map(ScheduleDocument::team).orElse(team), team);
            return teams.existing(team == null ? List.of() : List.of(team));
        }).chain(existing -> users.getAll(people).chain(found -> {
            for (Map.Entry<String, String> e : named) {
                if (!found.containsKey(e.getValue())) {
                    errors.add(e.getKey(), "user '" + e.getValue() + "' does not exist");
                }
            }
            if (team != null && existing.isEmpty()) {
                errors.add("team", "'" + team + "' does not exist");
            }
            errors.throwIfAny();
            ScheduleDocument stored = (schedule.singleRotation() ? schedule.withId(id)
                    : schedule.withId(id).withPeople(zones(schedule, people, found))).withTeam(team);
            return DocumentResponses.put(schedules.put(id, stored).call(() -> handoffs.rearm(id)), stored);
        })));
    }

    /** Each participant's zone: the body's where it gives one, else the user's own. */
    private static List<ScheduleDocument.Person> zones(ScheduleDocument schedule, Set<String> people,
            Map<String, User> users) {
        List<ScheduleDocument.Person> given = schedule.people() == null ? List.of() : schedule.people();
        List<ScheduleDocument.Person> all = new ArrayList<>();
        for (String person : people) {
            all.add(given.stream().filter(p -> p.id().equals(person)).findFirst()
                    .orElseGet(() -> new ScheduleDocument.Person(person, users.get(person).timeZone())));
        }
        return all;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    public Uni<RestResponse<List<ScheduleDocument>>> list(@QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return DocumentResponses.list(schedules::list, ScheduleDocument::id, limit, cursor, uri);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    public Uni<ScheduleDocument> get(@PathParam("id") String id) {
        return DocumentResponses.one(schedules.get(id), "schedule " + id);
    }

    /**
     * 409 while a policy's step names the schedule; its overrides and swaps go with it. The
     * deployment's admin or an admin of the schedule's team may delete it.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_ADMIN})
    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        Uni<List<String>> referenced = schedules.get(id).chain(found -> {
            found.ifPresent(schedule -> TeamAccess.requireOwner(identity, schedule.team()));
            return schedules.referencedBy(id);
        });
        return DocumentResponses.delete("schedule " + id, referenced, none -> schedules.delete(id)
                .call(() -> handoffs.rearm(id)));
    }
}
