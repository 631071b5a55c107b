package dev.tocsin.escalation.schedule.rest;

import dev.tocsin.escalation.schedule.store.Schedules;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import dev.tocsin.escalation.schedule.OnCall;

/**
 * Who is primary and secondary on a schedule at an instant. The instant is bounded to ten years
 * either side of now: nobody plans a rotation further out, and the answer stays cheap to compute.
 */
@Path("/api/v1/schedules/{id}/on-call")
public class OnCallResource {

    static final int YEARS = 10;

    private final Schedules schedules;
    private final Clock clock;

    OnCallResource(Schedules schedules, Clock clock) {
        this.schedules = schedules;
        this.clock = clock;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public Uni<OnCall> onCall(@PathParam("id") String id, @QueryParam("at") String at) {
        Instant instant = instant(at);
        return schedules.get(id)
                .map(s -> OnCall.at(s.orElseThrow(() -> ProblemException.notFound("schedule " + id)), instant));
    }

    private Instant instant(String at) {
        Instant now = clock.instant();
        if (at == null) {
            return now;
        }
        Instant instant;
        try {
            instant = Instant.parse(at);
        } catch (DateTimeException e) {
            throw ProblemException.badRequest("at", "must be an instant like 2026-03-29T01:30:00Z");
        }
        Instant earliest = now.atOffset(ZoneOffset.UTC).minusYears(YEARS).toInstant();
        Instant latest = now.atOffset(ZoneOffset.UTC).plusYears(YEARS).toInstant();
        if (instant.isBefore(earliest) || instant.isAfter(latest)) {
            throw ProblemException.badRequest("at", "must be within " + YEARS + " years of now, from " + earliest
                    + " to " + latest);
        }
        return instant;
    }
}
