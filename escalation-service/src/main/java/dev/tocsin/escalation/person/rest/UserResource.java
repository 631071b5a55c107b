package dev.tocsin.escalation.person.rest;

import dev.tocsin.escalation.person.User;
import dev.tocsin.escalation.person.store.Users;
import dev.tocsin.escalation.schedule.ScheduleRules;
import dev.tocsin.eventing.api.PersonIds;
import dev.tocsin.escalation.store.DocumentResponses;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Outbox;
import dev.tocsin.eventing.OutboxRelay;
import dev.tocsin.eventing.api.Actor;
import dev.tocsin.events.directory.PersonDeleted;
import dev.tocsin.events.directory.PersonSaved;
import io.quarkus.security.identity.SecurityIdentity;
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
import java.time.Clock;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * People who can be on call ({@code /api/v1/users}). Contact methods live in notifier-service,
 * which learns of people from the {@code PersonSaved} and {@code PersonDeleted} written beside
 * each change, in its transaction.
 */
@Path("/api/v1/users")
public class UserResource {

    private final Users users;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;
    private final SecurityIdentity identity;

    UserResource(Users users, Outbox outbox, OutboxRelay relay, Clock clock, SecurityIdentity identity) {
        this.users = users;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
        this.identity = identity;
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/{id}")
    public Uni<Response> put(@PathParam("id") String id, @Valid @NotNull User user) {
        FieldErrors errors = new FieldErrors();
        PersonIds.check(id, "id", errors);
        ScheduleRules.zone("timeZone", user.timeZone(), errors);
        errors.throwIfAny();
        User stored = new User(id, user.name(), user.timeZone());
        PersonSaved saved = new PersonSaved(id, user.name(), user.timeZone(), null, Actor.of(identity).reference(),
                clock.instant());
        return AfterCommit.transaction(() -> DocumentResponses.put(
                        users.put(id, stored).call(() -> outbox.append(saved)), stored))
                .invoke(relay::wake);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    public Uni<RestResponse<List<User>>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        return DocumentResponses.list(users::list, User::id, limit, cursor, uri);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    public Uni<User> get(@PathParam("id") String id) {
        return DocumentResponses.one(users.get(id), "user " + id);
    }

    /** 409 while a schedule's rotation or a policy's step names the person. */
    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        PersonDeleted deleted = new PersonDeleted(id, Actor.of(identity).reference(), clock.instant());
        return DocumentResponses.delete("user " + id, users.referencedBy(id), none -> users.delete(id)
                        .call(found -> found ? outbox.append(deleted) : Uni.createFrom().voidItem()))
                .invoke(relay::wake);
    }
}
