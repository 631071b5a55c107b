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
    private final EscalationConfig config;

    ScheduleResource(ScheduleDocuments schedules, Users users, EscalationConfig config) {
        this.schedules = schedules;
        this.users = users;
        this.config = config;
    }

    @RolesAllowed(Roles.ADMIN)
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
        return AfterCommit.transaction(() -> users.getAll(people).chain(found -> {
            for (Map.Entry<String, String> e : named) {
                if (!found.containsKey(e.getValue())) {
                    errors.add(e.getKey(), "user '" + e.getValue() + "' does not exist");
                }
            }
            errors.throwIfAny();
            ScheduleDocument stored = schedule.singleRotation() ? schedule.withId(id)
                    : schedule.withId(id).withPeople(zones(schedule, people, found));
            return DocumentResponses.put(schedules.put(id, stored), stored);
        }));
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

    /** 409 while a policy's step names the schedule; its overrides and swaps go with it. */
    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return DocumentResponses.delete("schedule " + id, schedules.referencedBy(id), none -> schedules.delete(id));
    }
}
