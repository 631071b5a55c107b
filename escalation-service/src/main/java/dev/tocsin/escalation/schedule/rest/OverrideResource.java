package dev.tocsin.escalation.schedule.rest;

import dev.tocsin.escalation.person.store.Users;
import dev.tocsin.escalation.schedule.model.Schedule;
import dev.tocsin.escalation.schedule.model.ShiftOverride;
import dev.tocsin.escalation.schedule.model.Target;
import dev.tocsin.escalation.schedule.model.TimeRange;
import dev.tocsin.escalation.schedule.store.ScheduleChanges;
import dev.tocsin.escalation.schedule.store.Schedules;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.escalation.handoff.HandoffNotices;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.PersonIds;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A schedule's overrides ({@code /api/v1/schedules/{id}/overrides}): someone covers a range, in
 * one layer or in all. A person may add and remove their own; the admin anyone's.
 */
@Path("/api/v1/schedules/{id}/overrides")
public class OverrideResource {

    /** {@code layer} absent: every layer of the schedule. */
    public record OverrideRequest(@NotBlank String person, @NotNull Instant start, @NotNull Instant end, String layer) {
    }

    public record OverrideView(String id, String person, Instant start, Instant end, String layer) {
        static OverrideView of(ShiftOverride o) {
            return new OverrideView(o.id(), o.person(), o.range().start(), o.range().end(),
                    o.target() instanceof Target.OneLayer one ? one.layerId() : null);
        }
    }

    private final Schedules schedules;
    private final ScheduleChanges changes;
    private final Users users;
    private final Clock clock;
    private final SecurityIdentity identity;

    private final HandoffNotices handoffs;

    OverrideResource(Schedules schedules, ScheduleChanges changes, Users users, Clock clock, SecurityIdentity identity,
            HandoffNotices handoffs) {
        this.handoffs = handoffs;
        this.schedules = schedules;
        this.changes = changes;
        this.users = users;
        this.clock = clock;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.RESPONDER)
    public Uni<Response> add(@PathParam("id") String id, @Valid @NotNull OverrideRequest request) {
        Instant now = clock.instant();
        FieldErrors errors = new FieldErrors();
        PersonIds.check(request.person(), "person", errors);
        TimeRange range = Ranges.check(request.start(), request.end(), now, errors);
        errors.throwIfAny();
        Caller caller = Caller.of(identity);
        return AfterCommit.transaction(() -> schedules.owned(id).chain(found -> {
            Schedule schedule = found.schedule();
            Target target = Ranges.target(schedule, request.layer(), errors);
            return users.missing(List.of(request.person())).chain(missing -> {
                if (!missing.isEmpty()) {
                    errors.add("person", "user '" + request.person() + "' does not exist");
                }
                errors.throwIfAny();
                caller.requireIn(found.team(), "add an override for " + request.person(), request.person());
                ShiftOverride o = new ShiftOverride("ov-" + UUID.randomUUID().toString().substring(0, 13),
                        request.person(), range, target);
                return changes.addOverride(id, o, caller.actor().reference(), now).call(() -> handoffs.rearm(id))
                        .map(v -> Response.status(201).entity(OverrideView.of(o)).build());
            });
        }));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<List<OverrideView>> list(@PathParam("id") String id) {
        return schedules.one(id).map(s -> s.overrides().stream().map(OverrideView::of).toList());
    }

    @DELETE
    @Path("/{overrideId}")
    @RolesAllowed(Roles.RESPONDER)
    public Uni<Response> delete(@PathParam("id") String id, @PathParam("overrideId") String overrideId) {
        Caller caller = Caller.of(identity);
        return AfterCommit.transaction(() -> schedules.owned(id).chain(found -> {
            ShiftOverride o = found.schedule().overrides().stream().filter(x -> x.id().equals(overrideId)).findFirst()
                    .orElseThrow(() -> ProblemException.notFound("override " + overrideId + " of schedule " + id));
            caller.requireIn(found.team(), "remove override " + overrideId, o.person());
            return changes.deleteOverride(id, overrideId).call(() -> handoffs.rearm(id))
                    .map(deleted -> Response.noContent().build());
        }));
    }
}
