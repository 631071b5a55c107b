package dev.tocsin.escalation.schedule.rest;

import dev.tocsin.escalation.EscalationConfig;
import dev.tocsin.escalation.person.store.Users;
import dev.tocsin.escalation.schedule.Schedule;
import dev.tocsin.escalation.schedule.ScheduleRules;
import dev.tocsin.escalation.schedule.store.Schedules;
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
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * On-call rotations ({@code /api/v1/schedules}). A PUT checks, in one statement with the write's
 * transaction, that every participant exists.
 */
@Path("/api/v1/schedules")
public class ScheduleResource {

    private final Schedules schedules;
    private final Users users;
    private final EscalationConfig config;

    ScheduleResource(Schedules schedules, Users users, EscalationConfig config) {
        this.schedules = schedules;
        this.users = users;
        this.config = config;
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/{id}")
    public Uni<Response> put(@PathParam("id") String id, @Valid @NotNull Schedule schedule) {
        FieldErrors errors = new FieldErrors();
        DocumentResponses.checkId(id, errors);
        ScheduleRules.check(schedule, config.maxParticipants(), errors);
        errors.throwIfAny();
        List<String> people = schedule.rotation().participants();
        Schedule stored = new Schedule(id, schedule.name(), schedule.timeZone(), schedule.rotation());
        return AfterCommit.transaction(() -> users.missing(people).chain(missing -> {
            for (int i = 0; i < people.size(); i++) {
                if (missing.contains(people.get(i))) {
                    errors.add("rotation.participants[" + i + "]", "user '" + people.get(i) + "' does not exist");
                }
            }
            errors.throwIfAny();
            return DocumentResponses.put(schedules.put(id, stored), stored);
        }));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    public Uni<RestResponse<List<Schedule>>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        return DocumentResponses.list(schedules::list, Schedule::id, limit, cursor, uri);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    public Uni<Schedule> get(@PathParam("id") String id) {
        return DocumentResponses.one(schedules.get(id), "schedule " + id);
    }

    /** 409 while a policy's step names the schedule. */
    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return DocumentResponses.delete("schedule " + id, schedules.referencedBy(id), none -> schedules.delete(id));
    }
}
