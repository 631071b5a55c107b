package dev.tocsin.escalation.person.rest;

import dev.tocsin.escalation.person.store.CalendarSecrets;
import dev.tocsin.escalation.schedule.model.ICalendarFeed;
import dev.tocsin.escalation.schedule.model.Schedule;
import dev.tocsin.escalation.schedule.model.TimeRange;
import dev.tocsin.escalation.schedule.store.Schedules;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.directory.TokenSecrets;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Serves a person's own calendar feed by its secret URL ({@code /calendar/<secret>.ics}, issued by
 * {@link CalendarResource}), for calendar apps that cannot send an API token: the secret is the
 * credential. The feed holds the person's shifts in every schedule from 30 days back to 90 ahead.
 */
@Path("/calendar")
public class CalendarFeedResource {

    private final CalendarSecrets secrets;
    private final Schedules schedules;
    private final Clock clock;

    CalendarFeedResource(CalendarSecrets secrets, Schedules schedules, Clock clock) {
        this.secrets = secrets;
        this.schedules = schedules;
        this.clock = clock;
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
        TimeRange range = ICalendarFeed.window(now);
        return secrets.person(TokenSecrets.sha256(secret)).chain(person -> {
            String id = person.orElseThrow(() -> ProblemException.notFound("calendar feed"));
            return secrets.schedulesOf(id).chain(schedules::getAll).map(found -> {
                List<Schedule> mine = found.values().stream().sorted(Comparator.comparing(Schedule::id)).toList();
                return ICalendarFeed.forPerson(mine, id, range, now);
            });
        });
    }
}
