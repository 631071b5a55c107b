package dev.tocsin.notifier.rules.rest;

import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.PersonIds;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.eventing.api.TeamAccess;
import dev.tocsin.notifier.PanacheAudit;
import dev.tocsin.notifier.contact.Addresses;
import dev.tocsin.notifier.contact.ContactMethod;
import dev.tocsin.notifier.rules.NotificationRule;
import dev.tocsin.notifier.rules.NotificationRuleSet;
import dev.tocsin.notifier.rules.NotificationRules;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A person's notification rules: which of their contact methods is notified how long after they
 * are paged (push at once, SMS a minute later, a call three minutes later), until someone
 * acknowledges or resolves the page. A person who set none gets the defaults
 * ({@link NotificationRules}); {@code GET} shows which apply. The person changes their own with
 * their token; the deployment's admin changes anyone's.
 */
@Path("/api/v1/users/{userId}/notification-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotificationRuleResource {

    private final Clock clock;
    private final SecurityIdentity identity;

    NotificationRuleResource(Clock clock, SecurityIdentity identity) {
        this.clock = clock;
        this.identity = identity;
    }

    /** The rules that apply to the person: their own, or the defaults for their verified contact methods. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    public Uni<NotificationRulesView> get(@PathParam("userId") String userId) {
        Addresses.checkId("userId", userId);
        return Panache.withSession(() -> ContactMethod.ofUser(userId).chain(methods -> NotificationRuleSet.of(userId)
                .map(set -> set == null
                        ? NotificationRulesView.of(userId, true, NotificationRules.defaultRules(methods.stream()
                                .filter(m -> m.verified).toList()), methods)
                        : NotificationRulesView.of(userId, false, set.rules(), methods))));
    }

    /**
     * Replaces the person's rules (200). Each names one of their contact methods, so a method must
     * exist before a rule names it; 400 names every rule that is wrong.
     */
    @RolesAllowed({Roles.ADMIN, Roles.RESPONDER})
    @PUT
    public Uni<NotificationRulesView> put(@PathParam("userId") String userId,
            @Valid @NotNull NotificationRulesRequest body) {
        TeamAccess.requireSelf(identity, userId, "change the notification rules of " + userId);
        FieldErrors errors = new FieldErrors();
        PersonIds.check(userId, "userId", errors);
        errors.throwIfAny();
        return Panache.withTransaction(() -> save(userId, body.rules()).call(PanacheAudit::write));
    }

    /** Checks and stores the rules in the caller's transaction; shared with the configuration document. */
    public Uni<NotificationRulesView> save(String userId, List<NotificationRule> rules) {
        return ContactMethod.ofUser(userId).chain(methods -> {
            FieldErrors errors = new FieldErrors();
            Set<String> ids = methods.stream().map(m -> m.id).collect(Collectors.toSet());
            NotificationRules.check(rules, ids, errors);
            errors.throwIfAny();
            return NotificationRuleSet.put(userId, rules, clock.instant())
                    .map(set -> NotificationRulesView.of(userId, false, set.rules(), methods));
        });
    }

    /** Removes the person's rules (204): the defaults apply again. 404 when they had none. */
    @RolesAllowed({Roles.ADMIN, Roles.RESPONDER})
    @DELETE
    public Uni<Response> delete(@PathParam("userId") String userId) {
        // Whether they exist is no secret (viewers read them); whose they are decides who removes them.
        return Panache.withTransaction(() -> NotificationRuleSet.of(userId).chain(existing -> {
            if (existing == null) {
                throw ProblemException.notFound("notification rules of " + userId + " (the defaults apply)");
            }
            TeamAccess.requireSelf(identity, userId, "change the notification rules of " + userId);
            return existing.delete().call(PanacheAudit::write);
        })).map(deleted -> Response.noContent().build());
    }
}
