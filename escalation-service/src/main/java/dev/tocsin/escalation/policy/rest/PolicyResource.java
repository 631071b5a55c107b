package dev.tocsin.escalation.policy.rest;

import dev.tocsin.escalation.EscalationConfig;
import dev.tocsin.escalation.person.store.Users;
import dev.tocsin.escalation.policy.EscalationPolicy;
import dev.tocsin.escalation.policy.store.Policies;
import dev.tocsin.escalation.schedule.store.Schedules;
import java.time.Duration;
import java.util.function.Predicate;
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

/**
 * Escalation policies ({@code /api/v1/escalation-policies}). A PUT checks the steps (at most
 * {@link EscalationConfig#maxPolicySteps()}, each with targets and a deadline of PT1M to PT60M or
 * none) and, in one statement per kind with the write's transaction, that every target exists.
 * Pages run on the copy taken when they opened, so a change here reaches only new pages.
 */
@Path("/api/v1/escalation-policies")
public class PolicyResource {

    private static final Duration MIN_DEADLINE = Duration.ofMinutes(1);
    private static final Duration MAX_DEADLINE = Duration.ofMinutes(60);

    private final Policies policies;
    private final Users users;
    private final Schedules schedules;
    private final EscalationConfig config;

    PolicyResource(Policies policies, Users users, Schedules schedules, EscalationConfig config) {
        this.policies = policies;
        this.users = users;
        this.schedules = schedules;
        this.config = config;
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/{id}")
    public Uni<Response> put(@PathParam("id") String id, @Valid @NotNull EscalationPolicy policy) {
        FieldErrors errors = new FieldErrors();
        DocumentResponses.checkId(id, errors);
        List<EscalationPolicy.Step> steps = policy.steps();
        if (steps.size() > config.maxPolicySteps()) {
            errors.add("steps", "must have at most " + config.maxPolicySteps() + " steps, has " + steps.size());
            errors.throwIfAny();
        }
        for (int i = 0; i < steps.size(); i++) {
            Duration deadline = steps.get(i).deadline();
            if (deadline != null && (deadline.compareTo(MIN_DEADLINE) < 0 || deadline.compareTo(MAX_DEADLINE) > 0)) {
                errors.add("steps[" + i + "].deadline", "must be between PT1M and PT60M, or absent to follow the "
                        + "service's criticality");
            }
        }
        errors.throwIfAny();
        List<EscalationPolicy.Target> targets = steps.stream().flatMap(s -> s.targets().stream()).toList();
        Predicate<EscalationPolicy.Target> user = target -> target.type() == EscalationPolicy.TargetType.USER;
        List<String> userIds = targets.stream().filter(user).map(EscalationPolicy.Target::id).toList();
        List<String> scheduleIds = targets.stream().filter(user.negate()).map(EscalationPolicy.Target::id).toList();
        EscalationPolicy stored = policy.withDefaults(id);
        return AfterCommit.transaction(() -> users.missing(userIds)
                .chain(missingUsers -> schedules.missing(scheduleIds)
                .chain(missingSchedules -> {
                    for (int i = 0; i < steps.size(); i++) {
                        List<EscalationPolicy.Target> stepTargets = steps.get(i).targets();
                        for (int j = 0; j < stepTargets.size(); j++) {
                            EscalationPolicy.Target target = stepTargets.get(j);
                            if ((user.test(target) ? missingUsers : missingSchedules).contains(target.id())) {
                                errors.add("steps[" + i + "].targets[" + j + "].id",
                                        "'" + target.id() + "' does not exist");
                            }
                        }
                    }
                    errors.throwIfAny();
                    return DocumentResponses.put(policies.put(id, stored), stored);
                })));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    public Uni<RestResponse<List<EscalationPolicy>>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context UriInfo uri) {
        return DocumentResponses.list(policies::list, EscalationPolicy::id, limit, cursor, uri);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    public Uni<EscalationPolicy> get(@PathParam("id") String id) {
        return DocumentResponses.one(policies.get(id), "escalation policy " + id);
    }

    /** 409 while a service pages by the policy; pages already running keep their copy of it. */
    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return DocumentResponses.delete("escalation policy " + id, policies.referencedBy(id), none -> policies.delete(id));
    }
}
