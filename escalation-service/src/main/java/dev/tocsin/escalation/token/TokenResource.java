package dev.tocsin.escalation.token;

import dev.tocsin.escalation.team.TeamRules;
import dev.tocsin.escalation.team.TeamStore;
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
import dev.tocsin.eventing.directory.TokenSecrets;
import dev.tocsin.events.directory.TeamRole;
import dev.tocsin.events.directory.TokenIssued;
import dev.tocsin.events.directory.TokenRevoked;
import dev.tocsin.events.directory.TokenSubject;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Issues, lists and revokes API tokens. The bootstrap admin token may issue any; a team's admin
 * issues tokens holding roles in teams they administer only, and a person's token never holds a
 * role above the person's own in that team. The secret is in the 201 answer and nowhere else.
 */
@Path("/api/v1/tokens")
public class TokenResource {

    private final TokenStore tokens;
    private final TeamStore teams;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;
    private final TokenConfig config;
    private final SecurityIdentity identity;

    TokenResource(TokenStore tokens, TeamStore teams, Outbox outbox, OutboxRelay relay, Clock clock, TokenConfig config,
            SecurityIdentity identity) {
        this.tokens = tokens;
        this.teams = teams;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
        this.config = config;
        this.identity = identity;
    }

    @RolesAllowed({Roles.ADMIN, Roles.TEAM_ADMIN})
    @POST
    public Uni<Response> issue(@Valid TokenRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("subject", "must be a token request: a subject and its teamRoles");
        }
        Instant now = clock.instant();
        FieldErrors errors = new FieldErrors();
        TokenSubject subject = subject(request.subject(), errors);
        Map<String, TeamRole> roles = teamRoles(request.teamRoles(), errors);
        Instant expiresAt = request.expiresAt() == null ? now.plus(config.defaultLifetime()) : request.expiresAt();
        if (!expiresAt.isAfter(now)) {
            errors.add("expiresAt", "must be in the future");
        } else if (expiresAt.isAfter(now.plus(config.maxLifetime()))) {
            errors.add("expiresAt", "must be at most " + config.maxLifetime().toDays() + " days from now");
        }
        errors.throwIfAny();
        roles.keySet().forEach(team -> TeamAccess.require(identity, team, TeamRole.ADMIN));
        String by = Actor.of(identity).reference();
        String secret = TokenSecrets.generate();
        TokenView token = new TokenView(UUID.randomUUID().toString(), subject, Map.copyOf(roles), expiresAt, by, now,
                null, null);
        List<String> named = List.copyOf(roles.keySet());
        return AfterCommit.transaction(() -> teams.existing(named)
                        .chain(existing -> {
                            named.stream().filter(team -> !existing.contains(team)).forEach(team ->
                                    errors.add("teamRoles." + team, "team '" + team + "' does not exist"));
                            errors.throwIfAny();
                            return subject.kind() == TokenSubject.Kind.PERSON
                                    ? teams.rolesOf(subject.id(), named) : Uni.createFrom().item(Map.<String, TeamRole>of());
                        })
                        .chain(memberships -> {
                            if (subject.kind() == TokenSubject.Kind.PERSON) {
                                roles.forEach((team, role) -> {
                                    TeamRole held = memberships.get(team);
                                    if (held == null) {
                                        errors.add("teamRoles." + team, subject.id() + " is no member of team " + team);
                                    } else if (!held.includes(role)) {
                                        errors.add("teamRoles." + team, "must be at most " + held.wireName() + ", "
                                                + subject.id() + "'s role in team " + team);
                                    }
                                });
                                errors.throwIfAny();
                            }
                            return tokens.insert(token, TokenSecrets.sha256(secret));
                        })
                        .chain(() -> outbox.append(new TokenIssued(token.id(), TokenSecrets.sha256(secret), subject,
                                token.teamRoles(), expiresAt, by, now))))
                .invoke(relay::wake)
                .map(ignored -> Response.status(201).header("Cache-Control", "no-store")
                        .entity(new IssuedToken(token.id(), secret, subject, token.teamRoles(), expiresAt, by, now))
                        .build());
    }

    /**
     * Tokens by id, revoked and expired ones included, never a secret: every token to the
     * bootstrap admin, to a team's admin those holding a role in a team they administer.
     */
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_ADMIN})
    @GET
    public Uni<RestResponse<List<TokenView>>> list(@QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        PageRequest page = PageRequest.of(limit, cursor);
        Set<String> visible = TeamAccess.deploymentWide(identity) ? null : TeamAccess.administered(identity);
        return tokens.list(visible, page).map(found -> Paged.respond(found, page, t -> Cursor.of(t.id()), uri));
    }

    /**
     * Revokes a token; every service refuses it once the revocation is projected. Revoking twice
     * changes nothing. The bootstrap admin revokes any token, a team's admin those holding a role
     * in a team they administer, and a person their own (a responder's token revokes itself, or
     * another of its holder's, the moment it is thought leaked).
     */
    @RolesAllowed({Roles.ADMIN, Roles.TEAM_ADMIN, Roles.RESPONDER})
    @DELETE
    @Path("/{id}")
    public Uni<Response> revoke(@PathParam("id") String id) {
        String by = Actor.of(identity).reference();
        Instant now = clock.instant();
        return AfterCommit.transaction(() -> tokens.lock(id).chain(found -> {
                    TokenView token = found.orElseThrow(() -> ProblemException.notFound("token " + id));
                    boolean own = token.subject().kind() == TokenSubject.Kind.PERSON
                            && Actor.of(identity).isPerson(token.subject().id());
                    boolean mayRevoke = own || (TeamAccess.deploymentWide(identity) && identity.hasRole(Roles.ADMIN))
                            || token.teamRoles().keySet().stream().anyMatch(TeamAccess.administered(identity)::contains);
                    if (!mayRevoke) {
                        throw new ProblemException(403, "Forbidden", "this call needs the 'admin' role in one of the"
                                + " token's teams " + token.teamRoles().keySet() + ", or to be the token's own person;"
                                + " the API token presented is neither");
                    }
                    if (token.revokedAt() != null) {
                        return Uni.createFrom().voidItem();
                    }
                    return tokens.revoke(id, by, now).chain(() -> outbox.append(new TokenRevoked(id, by, now)));
                }))
                .invoke(relay::wake)
                .map(ignored -> Response.noContent().build());
    }


    private static TokenSubject subject(TokenRequest.Subject subject, FieldErrors errors) {
        if (subject == null) {
            errors.add("subject", "must name whom the token is for: {\"kind\": \"person\", \"id\": \"alice\"}");
            return null;
        }
        TokenSubject.Kind kind = switch (subject.kind() == null ? "" : subject.kind()) {
            case "person" -> TokenSubject.Kind.PERSON;
            case "tool" -> TokenSubject.Kind.TOOL;
            default -> {
                errors.add("subject.kind", "must be one of person, tool");
                yield null;
            }
        };
        if (kind == TokenSubject.Kind.TOOL && !TeamRules.validId(subject.id())) {
            errors.add("subject.id", "must be a tool's name: " + TeamRules.ID_RULE);
        } else if (kind != TokenSubject.Kind.TOOL) {
            PersonIds.check(subject.id(), "subject.id", errors);
        }
        return kind == null ? null : new TokenSubject(kind, subject.id());
    }

    private Map<String, TeamRole> teamRoles(Map<String, String> requested, FieldErrors errors) {
        Map<String, TeamRole> roles = new TreeMap<>();
        if (requested == null || requested.isEmpty()) {
            errors.add("teamRoles", "must give the token a role in at least one team, e.g. {\"payments\": \"responder\"}");
            return roles;
        }
        if (requested.size() > config.maxTeams()) {
            errors.add("teamRoles", "must name at most " + config.maxTeams() + " teams");
            return roles;
        }
        requested.forEach((team, role) -> {
            if (!TeamRules.validId(team)) {
                errors.add("teamRoles." + team, "names no team: a team id " + TeamRules.ID_RULE);
            }
            TeamRole parsed = TeamRules.role(role, "teamRoles." + team, errors);
            if (parsed != null) {
                roles.put(team, parsed);
            }
        });
        return roles;
    }
}
