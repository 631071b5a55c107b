package dev.tocsin.escalation.schedule.rest;

import dev.tocsin.escalation.handoff.HandoffNotices;
import dev.tocsin.escalation.person.store.Users;
import dev.tocsin.escalation.schedule.model.Swap;
import dev.tocsin.escalation.schedule.model.SwapCommand;
import dev.tocsin.escalation.schedule.model.SwapEvent;
import dev.tocsin.escalation.schedule.model.Target;
import dev.tocsin.escalation.schedule.model.TimeRange;
import dev.tocsin.escalation.schedule.store.ScheduleChanges;
import dev.tocsin.escalation.schedule.store.Schedules;
import dev.tocsin.eventing.AfterCommit;
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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Swap requests between two people of a schedule ({@code /api/v1/schedules/{id}/swaps}), decided
 * by the {@link Swap} aggregate: the requester is the caller's person (the admin names one),
 * only the counterpart accepts or declines, the requester withdraws a request, either calls off
 * an accepted swap. Anyone else gets 403; a move the swap's state does not allow, 409.
 */
@Path("/api/v1/schedules/{id}/swaps")
public class SwapResource {

    /** {@code requester}: only the admin names one; a person's token is the requester. {@code layer} absent: every layer. */
    public record SwapRequest(@NotBlank String counterpart, @NotNull Instant start, @NotNull Instant end, String layer,
            String requester) {
    }

    public record SwapView(String id, String requester, String counterpart, Instant start, Instant end, String layer,
            Swap.Status status) {
        static SwapView of(Swap s) {
            return new SwapView(s.id(), s.requester(), s.counterpart(), s.range().start(), s.range().end(),
                    s.target() instanceof Target.OneLayer one ? one.layerId() : null, s.status());
        }
    }

    private final Schedules schedules;
    private final ScheduleChanges changes;
    private final Users users;
    private final Clock clock;
    private final SecurityIdentity identity;

    private final HandoffNotices handoffs;

    SwapResource(Schedules schedules, ScheduleChanges changes, Users users, Clock clock, SecurityIdentity identity,
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
    public Uni<Response> request(@PathParam("id") String id, @Valid @NotNull SwapRequest request) {
        Instant now = clock.instant();
        Caller caller = Caller.of(identity);
        FieldErrors errors = new FieldErrors();
        PersonIds.check(request.counterpart(), "counterpart", errors);
        if (request.requester() != null) {
            PersonIds.check(request.requester(), "requester", errors);
        }
        TimeRange range = Ranges.check(request.start(), request.end(), now, errors);
        errors.throwIfAny();
        String requester = request.requester() != null ? request.requester() : caller.person();
        if (requester == null) {
            throw ProblemException.badRequest("requester", "must be given: this token names no person, so say who"
                    + " asks for the swap");
        }
        return AfterCommit.transaction(() -> schedules.owned(id).chain(found -> {
            Target target = Ranges.target(found.schedule(), request.layer(), errors);
            return users.missing(List.of(requester, request.counterpart())).chain(missing -> {
                if (missing.contains(requester)) {
                    errors.add("requester", "user '" + requester + "' does not exist");
                }
                if (missing.contains(request.counterpart())) {
                    errors.add("counterpart", "user '" + request.counterpart() + "' does not exist");
                }
                if (requester.equals(request.counterpart())) {
                    errors.add("counterpart", "must be someone other than the requester");
                }
                errors.throwIfAny();
                caller.requireIn(found.team(), "request a swap for " + requester, requester);
                String swapId = "sw-" + UUID.randomUUID().toString().substring(0, 13);
                return decide(id, null, new SwapCommand.RequestSwap(swapId, requester, request.counterpart(), range,
                        target), caller, now).map(s -> Response.status(201).entity(SwapView.of(s)).build());
            });
        }));
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<List<SwapView>> list(@PathParam("id") String id) {
        return schedules.one(id).chain(s -> changes.swaps(List.of(id)))
                .map(all -> all.getOrDefault(id, List.of()).stream().map(SwapView::of).toList());
    }

    @POST
    @Path("/{swapId}/accept")
    @RolesAllowed(Roles.RESPONDER)
    public Uni<SwapView> accept(@PathParam("id") String id, @PathParam("swapId") String swapId) {
        return answer(id, swapId, Answer.ACCEPT);
    }

    @POST
    @Path("/{swapId}/decline")
    @RolesAllowed(Roles.RESPONDER)
    public Uni<SwapView> decline(@PathParam("id") String id, @PathParam("swapId") String swapId) {
        return answer(id, swapId, Answer.DECLINE);
    }

    /** The requester takes back a request nobody has answered. */
    @POST
    @Path("/{swapId}/withdraw")
    @RolesAllowed(Roles.RESPONDER)
    public Uni<SwapView> withdraw(@PathParam("id") String id, @PathParam("swapId") String swapId) {
        return answer(id, swapId, Answer.WITHDRAW);
    }

    /** Either person calls off an accepted swap. */
    @POST
    @Path("/{swapId}/cancel")
    @RolesAllowed(Roles.RESPONDER)
    public Uni<SwapView> cancel(@PathParam("id") String id, @PathParam("swapId") String swapId) {
        return answer(id, swapId, Answer.CANCEL);
    }

    /** What a person answers to a swap; who may, and in which state, is checked in {@link #answer}. */
    private enum Answer {
        ACCEPT, DECLINE, WITHDRAW, CANCEL;

        String verb() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private Uni<SwapView> answer(String id, String swapId, Answer answer) {
        Instant now = clock.instant();
        Caller caller = Caller.of(identity);
        return AfterCommit.transaction(() -> schedules.owned(id).map(Schedules.Owned::team)
                .chain(team -> changes.lockSwap(id, swapId).chain(found -> {
            Swap swap = found.orElseThrow(() -> ProblemException.notFound("swap " + swapId + " of schedule " + id));
            String by = switch (answer) {
                case ACCEPT, DECLINE -> {
                    caller.requireIn(team, answer.verb() + " swap " + swapId, swap.counterpart());
                    yield swap.counterpart();
                }
                case WITHDRAW -> {
                    caller.requireIn(team, "withdraw swap " + swapId, swap.requester());
                    if (swap.status() != Swap.Status.REQUESTED) {
                        throw conflict("swap " + swapId + " is " + swap.status() + "; only a request nobody has answered"
                                + " can be withdrawn (cancel calls off an accepted one)");
                    }
                    yield swap.requester();
                }
                case CANCEL -> {
                    caller.requireIn(team, "cancel swap " + swapId, swap.requester(), swap.counterpart());
                    if (swap.status() != Swap.Status.ACCEPTED) {
                        throw conflict("swap " + swapId + " is " + swap.status() + "; only an accepted swap can be"
                                + " cancelled (withdraw takes back a request)");
                    }
                    // One of the two calls it off; the admin, or the team's admin, does so for the requester.
                    String person = caller.person();
                    yield person != null && (person.equals(swap.requester()) || person.equals(swap.counterpart()))
                            ? person : swap.requester();
                }
            };
            SwapCommand command = switch (answer) {
                case ACCEPT -> new SwapCommand.AcceptSwap(swapId, by);
                case DECLINE -> new SwapCommand.DeclineSwap(swapId, by);
                case WITHDRAW, CANCEL -> new SwapCommand.CancelSwap(swapId, by);
            };
            return decide(id, swap, command, caller, now).map(SwapView::of);
        })));
    }

    private Uni<Swap> decide(String scheduleId, Swap state, SwapCommand command, Caller caller, Instant now) {
        List<SwapEvent> events;
        try {
            events = Swap.decide(state, command);
        } catch (Swap.Rejected e) {
            throw conflict(e.getMessage());
        }
        Swap after = state;
        for (SwapEvent event : events) {
            after = Swap.apply(after, event);
        }
        Swap stored = after;
        // Accepting or cancelling moves who holds the shifts, and so when the next one starts.
        return changes.putSwap(scheduleId, stored, caller.actor().reference(), now)
                .call(() -> handoffs.rearm(scheduleId)).replaceWith(stored);
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }
}
