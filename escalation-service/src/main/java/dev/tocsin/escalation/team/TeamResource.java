package dev.tocsin.escalation.team;

import dev.tocsin.escalation.person.store.Users;
import dev.tocsin.escalation.policy.store.Policies;
import dev.tocsin.eventing.AfterCommit;
import dev.tocsin.eventing.Outbox;
import dev.tocsin.eventing.OutboxRelay;
import dev.tocsin.eventing.api.Actor;
import dev.tocsin.eventing.api.Cursor;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.PageRequest;
import dev.tocsin.eventing.api.Paged;
import dev.tocsin.eventing.api.PersonIds;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.eventing.api.TeamAccess;
import dev.tocsin.events.directory.BusinessHours;
import dev.tocsin.events.directory.MembershipRemoved;
import dev.tocsin.events.directory.MembershipSaved;
import dev.tocsin.events.directory.TeamDeleted;
import dev.tocsin.events.directory.TeamRole;
import dev.tocsin.events.directory.TeamSaved;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Teams and their members. The bootstrap admin token creates and deletes teams; a team's admins
 * (and the bootstrap admin) change it and its members. Every change writes its row and its
 * directory event in one transaction, and records who made it from the caller's token.
 */
@Path("/api/v1/teams")
public class TeamResource {

    private final TeamStore store;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;
    private final SecurityIdentity identity;
    private final TeamRoster roster;
    private final Policies policies;
    private final Users users;

    TeamResource(TeamStore store, Outbox outbox, OutboxRelay relay, Clock clock, SecurityIdentity identity,
            TeamRoster roster, Policies policies, Users users) {
        this.roster = roster;
        this.policies = policies;
        this.users = users;
        this.store = store;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
        this.identity = identity;
    }

    /** Creates a team; 409 when its id is taken. */
    @RolesAllowed(Roles.ADMIN)
    @POST
    public Uni<Response> create(@Valid TeamRequest team) {
        if (team == null) {
            throw ProblemException.badRequest("id", "must be a team: an id, a name and a time zone");
        }
        FieldErrors errors = new FieldErrors();
        if (!TeamRules.validId(team.id())) {
            errors.add("id", TeamRules.ID_RULE);
        }
        BusinessHours hours = TeamRules.check(team, errors);
        errors.throwIfAny();
        String by = Actor.of(identity).reference();
        Instant now = clock.instant();
        TeamRequest routing = TeamRules.routing(team);
        return AfterCommit.transaction(() -> checkRouting(routing)
                        .chain(() -> store.insert(team.id(), team.name(), team.timeZone(), hours, routing, by, now))
                        .chain(created -> {
                            if (!created) {
                                throw new ProblemException(409, "Conflict", "team " + team.id()
                                        + " exists; PUT /api/v1/teams/" + team.id() + " changes it");
                            }
                            return outbox.append(new TeamSaved(team.id(), team.name(), team.timeZone(), hours, by, now));
                        })
                        .chain(() -> store.get(team.id())))
                .invoke(relay::wake)
                .map(view -> Response.status(201).entity(view.orElseThrow()).build());
    }

    /**
     * Changes a team's name, zone and hours; its admins may. Only an existing team is changed
     * (POST creates), so an unknown one is a 404 before its body is looked at.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_ADMIN})
    @PUT
    @Path("/{id}")
    public Uni<TeamView> update(@PathParam("id") String id, @Valid TeamRequest team) {
        checkId(id);
        TeamAccess.require(identity, id, TeamRole.ADMIN);
        String by = Actor.of(identity).reference();
        Instant now = clock.instant();
        return AfterCommit.transaction(() -> store.lock(id)
                        .chain(exists -> {
                            if (!exists) {
                                throw ProblemException.notFound("team " + id);
                            }
                            if (team == null) {
                                throw ProblemException.badRequest("name", "must be a team: a name and a time zone");
                            }
                            FieldErrors errors = new FieldErrors();
                            if (team.id() != null && !team.id().equals(id)) {
                                errors.add("id", "must be the path's id, " + id + ", or absent");
                            }
                            BusinessHours hours = TeamRules.check(team, errors);
                            errors.throwIfAny();
                            TeamRequest routing = TeamRules.routing(team);
                            return checkRouting(routing)
                                    .chain(() -> store.update(id, team.name(), team.timeZone(), hours, routing, by, now))
                                    .chain(() -> outbox.append(new TeamSaved(id, team.name(), team.timeZone(), hours,
                                            by, now)));
                        })
                        .chain(() -> store.get(id)))
                .invoke(relay::wake)
                .map(view -> view.orElseThrow());
    }

    /** 400 naming {@code defaultPolicy} or {@code fallbackContact} when either names nothing that exists. */
    private Uni<Void> checkRouting(TeamRequest routing) {
        String policy = routing.defaultPolicy();
        String contact = routing.fallbackContact();
        return policies.missing(policy == null ? List.of() : List.of(policy))
                .chain(missingPolicies -> users.missing(contact == null ? List.of() : List.of(contact))
                .map(missingUsers -> {
                    FieldErrors errors = new FieldErrors();
                    if (!missingPolicies.isEmpty()) {
                        errors.add("defaultPolicy", "'" + policy + "' does not exist");
                    }
                    if (!missingUsers.isEmpty()) {
                        errors.add("fallbackContact", "'" + contact + "' does not exist");
                    }
                    errors.throwIfAny();
                    return null;
                }));
    }

    /**
     * Deletes a team that has no members and no live tokens left, and that no service or policy
     * names; 409 otherwise.
     */
    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        checkId(id);
        String by = Actor.of(identity).reference();
        Instant now = clock.instant();
        return AfterCommit.transaction(() -> store.lock(id).chain(exists -> {
                    if (!exists) {
                        throw ProblemException.notFound("team " + id);
                    }
                    return roster.referencedBy(id);
                }).chain(references -> {
                    if (!references.isEmpty()) {
                        throw new ProblemException(409, "Conflict", "team " + id + " is still named by "
                                + String.join(", ", references) + "; change " + (references.size() == 1 ? "it" : "them")
                                + " first");
                    }
                    return store.inUse(id, now);
                }).chain(inUse -> {
                    if (inUse[0] > 0 || inUse[1] > 0) {
                        throw new ProblemException(409, "Conflict", "team " + id + " still has " + inUse[0]
                                + " member(s) and " + inUse[1] + " live token(s); remove and revoke them first");
                    }
                    return store.delete(id).chain(() -> outbox.append(new TeamDeleted(id, by, now)));
                }))
                .invoke(relay::wake)
                .map(ignored -> Response.noContent().build());
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    public Uni<TeamView> get(@PathParam("id") String id) {
        checkId(id);
        return store.get(id).map(view -> view.orElseThrow(() -> ProblemException.notFound("team " + id)));
    }

    /** Teams by id, with their members, paged. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    public Uni<RestResponse<List<TeamView>>> list(@QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        PageRequest page = PageRequest.of(limit, cursor);
        return store.list(page).map(teams -> Paged.respond(teams, page, t -> Cursor.of(t.id()), uri));
    }

    /** Adds a person to the team or changes their role; 201 when added, 400 naming {@code person} if no such user. */
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_ADMIN})
    @PUT
    @Path("/{id}/members/{person}")
    public Uni<Response> putMember(@PathParam("id") String id, @PathParam("person") String person,
            @Valid MemberRequest member) {
        FieldErrors errors = new FieldErrors();
        if (!TeamRules.validId(id)) {
            errors.add("id", TeamRules.ID_RULE);
        }
        PersonIds.check(person, "person", errors);
        TeamRole role = TeamRules.role(member == null ? null : member.role(), "role", errors);
        errors.throwIfAny();
        TeamAccess.require(identity, id, TeamRole.ADMIN);
        String by = Actor.of(identity).reference();
        Instant now = clock.instant();
        return AfterCommit.transaction(() -> store.lock(id).chain(exists -> {
                    if (!exists) {
                        throw ProblemException.notFound("team " + id);
                    }
                    return users.missing(List.of(person));
                }).chain(missing -> {
                    if (!missing.isEmpty()) {
                        throw ProblemException.badRequest("person", "user '" + person + "' does not exist");
                    }
                    return store.putMember(id, person, role, by, now);
                }).call(() -> outbox.append(new MembershipSaved(id, person, role, by, now))))
                .invoke(relay::wake)
                .map(added -> Response.status(added ? 201 : 200)
                        .entity(new TeamView.Member(person, role.wireName(), by, now)).build());
    }

    /** Removes a person from the team: their tokens no longer do anything in it. */
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_ADMIN})
    @DELETE
    @Path("/{id}/members/{person}")
    public Uni<Response> removeMember(@PathParam("id") String id, @PathParam("person") String person) {
        FieldErrors errors = new FieldErrors();
        if (!TeamRules.validId(id)) {
            errors.add("id", TeamRules.ID_RULE);
        }
        PersonIds.check(person, "person", errors);
        errors.throwIfAny();
        TeamAccess.require(identity, id, TeamRole.ADMIN);
        String by = Actor.of(identity).reference();
        Instant now = clock.instant();
        return AfterCommit.transaction(() -> store.removeMember(id, person).chain(removed -> {
                    if (!removed) {
                        throw ProblemException.notFound("member " + person + " of team " + id);
                    }
                    return outbox.append(new MembershipRemoved(id, person, by, now));
                }))
                .invoke(relay::wake)
                .map(ignored -> Response.noContent().build());
    }

    private static void checkId(String id) {
        if (!TeamRules.validId(id)) {
            throw ProblemException.badRequest("id", TeamRules.ID_RULE);
        }
    }
}
