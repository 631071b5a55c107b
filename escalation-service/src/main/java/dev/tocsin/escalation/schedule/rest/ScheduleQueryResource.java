package dev.tocsin.escalation.schedule.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tocsin.escalation.schedule.model.HealthWarning;
import dev.tocsin.escalation.schedule.model.ICalendarFeed;
import dev.tocsin.escalation.schedule.model.OnCallAt;
import dev.tocsin.escalation.schedule.model.Role;
import dev.tocsin.escalation.schedule.model.RotationHealth;
import dev.tocsin.escalation.schedule.model.Shift;
import dev.tocsin.escalation.schedule.model.TimeRange;
import dev.tocsin.escalation.schedule.store.Schedules;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a schedule answers (docs/schedules.md): who is primary and secondary at an instant, the
 * shifts of a range, its rotation health, its gaps and its iCalendar feed, all from the layered
 * model with overrides and accepted swaps. Ranges are bounded ({@link Instants}).
 */
@Path("/api/v1/schedules/{id}")
public class ScheduleQueryResource {

    private final Schedules schedules;
    private final Clock clock;

    ScheduleQueryResource(Schedules schedules, Clock clock) {
        this.schedules = schedules;
        this.clock = clock;
    }

    /**
     * Who holds each role at {@code at} (default now). {@code primary}, {@code secondary},
     * {@code shiftStart} and {@code shiftEnd} (the primary's shift) are what the single-rotation API
     * answered; the shifts say more.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OnCallView(Instant at, String primary, String secondary, Instant shiftStart, Instant shiftEnd,
            ShiftView primaryShift, ShiftView secondaryShift) {
    }

    @GET
    @Path("/on-call")
    @RolesAllowed(Roles.VIEWER)
    public Uni<OnCallView> onCall(@PathParam("id") String id, @QueryParam("at") String at) {
        Instant now = clock.instant();
        Instant instant = Instants.instant("at", at, now, now);
        return schedules.one(id).map(s -> {
            OnCallAt on = s.at(instant);
            ShiftView primary = on.primary().map(p -> ShiftView.of(Role.PRIMARY, p)).orElse(null);
            ShiftView secondary = on.secondary().map(p -> ShiftView.of(Role.SECONDARY, p)).orElse(null);
            return new OnCallView(instant, on.primaryPerson().orElse(null), on.secondaryPerson().orElse(null),
                    primary == null ? null : primary.start(), primary == null ? null : primary.end(), primary,
                    secondary);
        });
    }

    /**
     * The shifts of {@code role} (default both) from {@code from} (default now) to {@code to} (default a
     * week later), at most 93 days, in start order.
     */
    @GET
    @Path("/shifts")
    @RolesAllowed(Roles.VIEWER)
    public Uni<List<ShiftView>> shifts(@PathParam("id") String id, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("role") String role) {
        Instant now = clock.instant();
        FieldErrors errors = new FieldErrors();
        TimeRange range = Instants.range(from, to, now, Instants.WEEK, errors);
        Role one = role == null ? null : role(role, errors);
        errors.throwIfAny();
        List<Role> roles = one == null ? List.of(Role.values()) : List.of(one);
        return schedules.one(id).map(s -> {
            List<ShiftView> all = new ArrayList<>();
            for (Role r : roles) {
                for (Shift shift : s.shifts(r, range)) {
                    all.add(ShiftView.of(r, shift));
                }
            }
            all.sort(Comparator.comparing(ShiftView::start).thenComparing(ShiftView::role));
            return all;
        });
    }

    /** A warning as the API shows it: its kind and what it means, in words. */
    public record WarningView(String type, String message) {
    }

    public record ShareView(String person, String onCall, double share, String percent) {
    }

    public record HealthView(Instant from, Instant to, List<ShareView> shares, List<WarningView> warnings) {
    }

    /** Rotation health over {@code from}..{@code to}, by default the next quarter (92 days from now). */
    @GET
    @Path("/health")
    @RolesAllowed(Roles.VIEWER)
    public Uni<HealthView> health(@PathParam("id") String id, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        Instant now = clock.instant();
        FieldErrors errors = new FieldErrors();
        TimeRange range = Instants.range(from, to, now, Instants.QUARTER, errors);
        errors.throwIfAny();
        return schedules.one(id).map(s -> {
            RotationHealth health = RotationHealth.of(s, range);
            return new HealthView(range.start(), range.end(), health.shares().stream()
                    .map(share -> new ShareView(share.person(), share.onCall().toString(), share.share(), share.percent()))
                    .toList(), health.warnings().stream().map(ScheduleQueryResource::warning).toList());
        });
    }

    public record GapView(Instant start, Instant end) {
    }

    /** The parts of {@code from}..{@code to} (default the next quarter) with no primary. */
    @GET
    @Path("/gaps")
    @RolesAllowed(Roles.VIEWER)
    public Uni<List<GapView>> gaps(@PathParam("id") String id, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        Instant now = clock.instant();
        FieldErrors errors = new FieldErrors();
        TimeRange range = Instants.range(from, to, now, Instants.QUARTER, errors);
        errors.throwIfAny();
        return schedules.one(id).map(s -> s.gaps(range).stream().map(g -> new GapView(g.start(), g.end())).toList());
    }

    /** Every role's shifts from 30 days back to 90 ahead as iCalendar (RFC 5545). */
    @GET
    @Path("/calendar.ics")
    @Produces("text/calendar")
    @RolesAllowed(Roles.VIEWER)
    public Uni<String> calendar(@PathParam("id") String id) {
        Instant now = clock.instant();
        return schedules.one(id).map(s -> ICalendarFeed.of(s, ICalendarFeed.window(now), now));
    }

    static Role role(String text, FieldErrors errors) {
        try {
            return Role.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add("role", "must be PRIMARY or SECONDARY");
            return null;
        }
    }

    private static WarningView warning(HealthWarning w) {
        return new WarningView(w.getClass().getSimpleName(), w.message());
    }
}
