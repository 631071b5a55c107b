package dev.tocsin.escalation.person.rest;

import dev.tocsin.escalation.person.User;
import dev.tocsin.escalation.person.store.Users;
import dev.tocsin.escalation.schedule.ScheduleRules;
import dev.tocsin.eventing.api.PersonIds;
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

/** People who can be on call ({@code /api/v1/users}). Contact methods live in notifier-service. */
@Path("/api/v1/users")
public class UserResource {

    private final Users users;

    UserResource(Users users) {
        this.users = users;
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
        return AfterCommit.transaction(() -> DocumentResponses.put(users.put(id, stored), stored));
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
        return DocumentResponses.delete("user " + id, users.referencedBy(id), none -> users.delete(id));
    }
}
