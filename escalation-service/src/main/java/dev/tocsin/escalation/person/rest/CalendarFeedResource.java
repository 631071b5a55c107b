package dev.tocsin.escalation.person.rest;

import dev.tocsin.escalation.person.store.CalendarSecrets;
import dev.tocsin.escalation.person.store.Users;
import dev.tocsin.escalation.schedule.model.ICalendarFeed;
import dev.tocsin.escalation.schedule.model.Schedule;
import dev.tocsin.escalation.schedule.model.TimeRange;
import dev.tocsin.escalation.schedule.store.Schedules;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.api.Actor;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.eventing.directory.TokenSecrets;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Serves a person's own calendar feed, for calendar apps that cannot send an API token: a secret URL
 * ({@code /calendar/<secret>.ics}) that is its own credential. The person or the admin issues it;
 * it is shown once and stored as its SHA-256, and issuing a new one revokes the old. The feed holds
 * the person's shifts in every schedule from 30 days back to 90 ahead.
 */
@Path("/calendar")
public class CalendarFeedResource {

    private final CalendarSecrets secrets;
    private final Users users;
    private final Schedules schedules;
    private final Clock clock;
    private final SecurityIdentity identity;

    CalendarFeedResource(CalendarSecrets secrets, Users users, Schedules schedules, Clock clock, SecurityIdentity identity) {
        this.secrets = secrets;
        this.users = users;
        this.schedules = schedules;
        this.clock = clock;
        this.identity = identity;
    }

    /** No API token: the secret in the URL is the credential. 404 for any secret not issued or since replaced. */
    @GET
    @Path("/{secret}.ics")
    @Produces("text/calendar")
    @PermitAll
    public Uni<String> feed(@PathParam("secret") String secret) {
        if (!CalendarResource.SECRET.matcher(secret).matches()) {
            throw ProblemException.notFound("calendar feed");
        }
        Instant now = clock.instant();
        TimeRange range = new TimeRange(now.minus(CalendarResource.BACK), now.plus(CalendarResource.AHEAD));
        return secrets.person(TokenSecrets.sha256(secret)).chain(person -> {
            String id = person.orElseThrow(() -> ProblemException.notFound("calendar feed"));
            return secrets.schedulesOf(id).chain(schedules::getAll).map(found -> {
                List<Schedule> mine = found.values().stream().sorted(Comparator.comparing(Schedule::id)).toList();
                return ICalendarFeed.forPerson(mine, id, range, now);
            });
        });
    }
}
