package dev.tocsin.escalation.person.rest;

import dev.tocsin.escalation.person.store.CalendarSecrets;
import dev.tocsin.escalation.person.store.Users;
import dev.tocsin.escalation.schedule.rest.Caller;
import dev.tocsin.escalation.store.DocumentResponses;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.eventing.directory.TokenSecrets;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Issues a person's own calendar feed, for calendar apps that cannot send an API token: a secret URL
 * ({@code /calendar/<secret>.ics}) that is its own credential. The person or the admin issues it;
 * it is shown once and stored as its SHA-256, and issuing a new one revokes the old. The feed holds
 * the person's shifts in every schedule from 30 days back to 90 ahead.
 */
@Path("/api/v1/users/{id}/calendar-secret")
public class CalendarResource {

    static final String PREFIX = "tcal_";
    static final Pattern SECRET = Pattern.compile("tcal_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The feed's URL, shown only in this answer. */
    public record IssuedCalendar(String person, String url) {
    }

    private final CalendarSecrets secrets;
    private final Users users;
    private final Clock clock;
    private final SecurityIdentity identity;

    CalendarResource(CalendarSecrets secrets, Users users, Clock clock, SecurityIdentity identity) {
        this.secrets = secrets;
        this.users = users;
        this.clock = clock;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.RESPONDER)
    public Uni<Response> issue(@PathParam("id") String id, @Context UriInfo uri) {
        Caller caller = Caller.of(identity);
        return AfterCommit.transaction(() -> DocumentResponses.one(users.get(id), "user " + id).chain(user -> {
            caller.require("issue their calendar URL", id);
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            String url = uri.getBaseUriBuilder().path("calendar").path(secret + ".ics").build().toString();
            return secrets.put(id, TokenSecrets.sha256(secret), caller.actor().reference(), clock.instant())
                    .map(v -> Response.status(201).header("Cache-Control", "no-store")
                            .entity(new IssuedCalendar(id, url)).build());
        }));
    }
}
