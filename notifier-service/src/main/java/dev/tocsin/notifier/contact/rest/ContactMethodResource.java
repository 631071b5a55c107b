package dev.tocsin.notifier.contact.rest;

import dev.tocsin.eventing.api.Cursor;
import dev.tocsin.eventing.directory.DirectoryReferences;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.eventing.api.Paged;
import dev.tocsin.eventing.api.PersonIds;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Redaction;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.notifier.NotifierConfig;
import dev.tocsin.notifier.PanacheAudit;
import jakarta.annotation.security.RolesAllowed;
import dev.tocsin.eventing.api.TeamAccess;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;
import dev.tocsin.notifier.contact.Addresses;
import dev.tocsin.notifier.contact.ContactMethod;
import dev.tocsin.notifier.rules.NotificationRuleSet;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;

/**
 * A person's contact methods, which their notification rules name (see {@code NotificationRules}). The person changes their own with their token (a responder's role in
 * some team); the deployment's admin changes anyone's. The person must be one this service's
 * projection of the directory knows: a contact method for anyone else could never be used.
 */
@Path("/api/v1/users/{userId}/contact-methods")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactMethodResource {

    private final Clock clock;
    private final SecurityIdentity identity;
    private final DirectoryReferences directory;
    private final NotifierConfig config;

    ContactMethodResource(Clock clock, SecurityIdentity identity, DirectoryReferences directory, NotifierConfig config) {
        this.config = config;
        this.clock = clock;
        this.identity = identity;
        this.directory = directory;
    }

    /** Creates (201) or replaces (200) the contact method {@code id} of the person. */
    @RolesAllowed({Roles.ADMIN, Roles.RESPONDER})
    @PUT
    @Path("/{id}")
    public Uni<Response> put(@PathParam("userId") String userId, @PathParam("id") String id,
            @Valid @NotNull ContactMethodRequest body) {
        TeamAccess.requireSelf(identity, userId, "change the contact methods of " + userId);
        // The person-id rule escalation-service applies: a contact method for an id it refuses could never be used.
        FieldErrors errors = new FieldErrors();
        PersonIds.check(userId, "userId", errors);
        errors.throwIfAny();
        Addresses.checkId("id", id);
        String address = Addresses.check(body.type(), body.address(), config.ntfy().servers());
        return directory.unknownPeople(List.of(userId)).chain(unknown -> {
            if (!unknown.isEmpty()) {
                throw ProblemException.badRequest("userId", DirectoryReferences.unknown("person", userId));
            }
            return save(userId, id, body, address);
        });
    }

    private Uni<Response> save(String userId, String id, ContactMethodRequest body, String address) {
        return Panache.withTransaction(() -> ContactMethod.put(userId, id, body.type(), address, clock.instant())
                .call(PanacheAudit::write))
                .map(put -> Response.status(put.created() ? Response.Status.CREATED : Response.Status.OK)
                        .entity(ContactMethodView.of(put.method())).build());
    }

    /** The person's contact methods in id order, paged. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    public Uni<RestResponse<List<ContactMethodView>>> list(@PathParam("userId") String userId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        Addresses.checkId("userId", userId);
        PageRequest page = PageRequest.of(limit, cursor);
        boolean shown = Redaction.showsContacts();
        return Panache.withSession(() -> ContactMethod.ofUser(userId, page))
                .map(methods -> Paged.respond(methods.stream().map(method -> ContactMethodView.of(method, shown)).toList(), page,
                        view -> Cursor.of(view.id()), uri));
    }

    /**
     * Removes it (204); deliveries already requested to it still run. 409 while the person's
     * notification rules name it: removing it would silently drop a step of them.
     */
    @RolesAllowed({Roles.ADMIN, Roles.RESPONDER})
    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("userId") String userId, @PathParam("id") String id) {
        // Whether it exists is no secret (viewers list them); whose it is decides who removes it.
        return Panache.withTransaction(() -> ContactMethod.find(userId, id).chain(existing -> {
            if (existing == null) {
                throw ProblemException.notFound("contact method " + id + " of " + userId);
            }
            TeamAccess.requireSelf(identity, userId, "remove the contact methods of " + userId);
            return NotificationRuleSet.requireUnnamed(userId, id).chain(existing::delete).call(PanacheAudit::write);
        })).map(deleted -> Response.noContent().build());
    }
}
