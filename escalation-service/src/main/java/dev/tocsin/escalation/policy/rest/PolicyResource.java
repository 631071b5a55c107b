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
import dev.tocsin.eventing.api.TeamAccess;
import dev.tocsin.escalation.team.TeamStore;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.ArrayList;
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
    private final TeamStore teams;
    private final SecurityIdentity identity;

    PolicyResource(Policies policies, Users users, Schedules schedules, EscalationConfig config, TeamStore teams,
            SecurityIdentity identity) {
        this.policies = policies;
        this.users = users;
        this.schedules = schedules;
        this.config = config;
        this.teams = teams;
        this.identity = identity;
    }

    /**
     * Creates or replaces a policy; the deployment's admin, or an admin of the team it belongs to
     * (before and after the change), may.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_ADMIN})
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
        String team = policy.team() == null || policy.team().isBlank() ? null : policy.team();
        List<EscalationPolicy.Target> targets = steps.stream().flatMap(s -> s.targets().stream()).toList();
        List<String> userIds = ids(targets, type -> type == EscalationPolicy.TargetType.USER);
        List<String> scheduleIds = ids(targets, EscalationPolicy.TargetType::schedule);
        List<String> teamIds = new ArrayList<>(ids(targets, EscalationPolicy.TargetType::team));
        if (team != null) {
            teamIds.add(team);
        }
        EscalationPolicy stored = new EscalationPolicy(id, policy.name(), policy.repeat(), steps, team).withDefaults(id);
        return AfterCommit.transaction(() -> policies.get(id)
                .invoke(before -> TeamAccess.requireOwner(identity,
                        before.map(EscalationPolicy::team).orElse(team), team))
                .chain(() -> users.missing(userIds))
                .chain(missingUsers -> schedules.missing(scheduleIds)
                .chain(missingSchedules -> teams.existing(teamIds)
                .chain(existingTeams -> {
                    if (team != null && !existingTeams.contains(team)) {
                        errors.add("team", "'" + team + "' does not exist");
                    }
                    for (int i = 0; i < steps.size(); i++) {
                        List<EscalationPolicy.Target> stepTargets = steps.get(i).targets();
                        for (int j = 0; j < stepTargets.size(); j++) {
                            EscalationPolicy.Target target = stepTargets.get(j);
                            EscalationPolicy.TargetType type = target.type();
                            boolean missing = type.team() ? !existingTeams.contains(target.id())
                                    : (type.schedule() ? missingSchedules : missingUsers).contains(target.id());
                            if (missing) {
                                errors.add("steps[" + i + "].targets[" + j + "].id",
                                        "'" + target.id() + "' does not exist");
                            }
                        }
                    }
                    errors.throwIfAny();
                    return DocumentResponses.put(policies.put(id, stored), stored);
                }))));
    }

    private static List<String> ids(List<EscalationPolicy.Target> targets,
            Predicate<EscalationPolicy.TargetType> type) {
        return targets.stream().filter(t -> type.test(t.type())).map(EscalationPolicy.Target::id).distinct().toList();
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

    /**
     * 409 while a service pages by the policy or a team names it its default; pages already running
     * keep their copy of it. The deployment's admin or an admin of the policy's team may delete it.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_ADMIN})
    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        Uni<List<String>> references = policies.get(id)
                .invoke(found -> found.ifPresent(policy -> TeamAccess.requireOwner(identity, policy.team())))
                .chain(() -> policies.referencedBy(id));
        return DocumentResponses.delete("escalation policy " + id, references, none -> policies.delete(id));
    }
}
