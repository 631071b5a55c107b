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
import dev.tocsin.notifier.contact.Verification;
import dev.tocsin.notifier.rules.NotificationRuleSet;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

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
    private final Verification verification;

    ContactMethodResource(Clock clock, SecurityIdentity identity, DirectoryReferences directory, NotifierConfig config,
            Verification verification) {
        this.verification = verification;
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
        String address = Addresses.check(body.type(), body.address(), config);
        return directory.unknownPeople(List.of(userId)).chain(unknown -> {
            if (!unknown.isEmpty()) {
                throw ProblemException.badRequest("userId", DirectoryReferences.unknown("person", userId));
            }
            return save(userId, id, body, address);
        });
    }

    private Uni<Response> save(String userId, String id, ContactMethodRequest body, String address) {
        boolean trusted = TeamAccess.deploymentWide(identity) && identity.getRoles().contains(Roles.ADMIN);
        return Panache.withTransaction(() -> ContactMethod.put(userId, id, body.type(), address, clock.instant(),
                        trusted).call(PanacheAudit::write))
                .call(put -> put.code() == null ? Uni.createFrom().voidItem() : verification.send(put.method(), put.code()))
                .map(put -> Response.status(put.created() ? Response.Status.CREATED : Response.Status.OK)
                        .entity(ContactMethodView.of(put.method())).build());
    }

    /**
     * Confirms the method with the code sent through it (200, {@code verified}); 400 for a wrong
     * code, 410 once it expired or after five wrong tries (ask for a new one).
     */
    @RolesAllowed({Roles.ADMIN, Roles.RESPONDER})
    @POST
    @Path("/{id}/verification")
    public Uni<ContactMethodView> verify(@PathParam("userId") String userId, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Valid @NotNull VerificationRequest body) {
        // Read as JSON even without a content type; a code is taken only when it was sent as JSON.
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_JSON)) {
            throw new NotSupportedException();
        }
        TeamAccess.requireSelf(identity, userId, "verify the contact methods of " + userId);
        return Panache.withTransaction(() -> existing(userId, id).chain(method -> {
            if (method.verified) {
                return Uni.createFrom().item(new Verified(method, null));
            }
            if (method.verificationCode == null || clock.instant().isAfter(method.verificationExpiresAt)
                    || method.verificationAttempts >= Verification.MAX_ATTEMPTS) {
                return Uni.createFrom().item(new Verified(method, new ProblemException(410, "Gone",
                        "the code for " + id + " expired or was tried too often; POST .../verification/code sends a new one")));
            }
            if (!Verification.matches(method, body.code())) {
                method.verificationAttempts++;
                return method.persist().replaceWith(new Verified(method, ProblemException.badRequest("code",
                        "does not match the code sent to " + id)));
            }
            method.verified = true;
            method.clearCode();
            method.updatedAt = clock.instant();
            return method.persist().call(PanacheAudit::write).replaceWith(new Verified(method, null));
        })).map(verified -> {
            // A wrong try is counted even though the answer is a refusal: the count must commit.
            if (verified.refusal() != null) {
                throw verified.refusal();
            }
            return ContactMethodView.of(verified.method());
        });
    }

    private record Verified(ContactMethod method, ProblemException refusal) {
    }

    /** Sends a new code through the method (202), replacing the one outstanding. */
    @RolesAllowed({Roles.ADMIN, Roles.RESPONDER})
    @POST
    @Path("/{id}/verification/code")
    public Uni<Response> sendCode(@PathParam("userId") String userId, @PathParam("id") String id) {
        return Panache.withTransaction(() -> existing(userId, id).chain(method -> {
            // Whether it exists is no secret (viewers list them); whose it is decides who asks for a code.
            TeamAccess.requireSelf(identity, userId, "verify the contact methods of " + userId);
            if (method.verified) {
                throw new ProblemException(409, "Conflict", "contact method " + id + " is verified already");
            }
            String code = method.newCode(clock.instant());
            return method.persist().call(PanacheAudit::write).map(saved -> new ContactMethod.Put(method, false, code));
        })).call(put -> verification.send(put.method(), put.code()))
                .map(put -> Response.accepted(ContactMethodView.of(put.method())).build());
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
        return Panache.withTransaction(() -> existing(userId, id).chain(existing -> {
            TeamAccess.requireSelf(identity, userId, "remove the contact methods of " + userId);
            return NotificationRuleSet.requireUnnamed(userId, id).chain(existing::delete).call(PanacheAudit::write);
        })).map(deleted -> Response.noContent().build());
    }

    /** The person's contact method {@code id}; 404 when they have none of that id. */
    private static Uni<ContactMethod> existing(String userId, String id) {
        return ContactMethod.find(userId, id).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("contact method " + id + " of " + userId));
    }
}
