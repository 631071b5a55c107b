package dev.tocsin.eventing.api;

import dev.tocsin.events.directory.TeamRole;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a caller may do in one team. A directory token holds a role per team (kept on the identity
 * under {@link #ATTRIBUTE}); a bootstrap token holds its role in every team. An endpoint that acts
 * on one team's things asks {@link #require} after the {@code @RolesAllowed} check.
 */
public final class TeamAccess {

    /** The identity attribute holding a directory token's {@code Map<String, TeamRole>}. */
    public static final String ATTRIBUTE = "tocsin.team-roles";

    private TeamAccess() {
    }

    /** The deployment-wide roles a token with these per-team roles holds: those of its highest team role. */
    public static Set<String> roles(Map<String, TeamRole> teamRoles) {
        TeamRole highest = teamRoles.values().stream().max(Enum::compareTo).orElse(null);
        if (highest == null) {
            return Set.of();
        }
        return switch (highest) {
            case ADMIN -> Set.of(Roles.TEAM_ADMIN, Roles.RESPONDER, Roles.VIEWER);
            case RESPONDER -> Set.of(Roles.RESPONDER, Roles.VIEWER);
            case VIEWER -> Set.of(Roles.VIEWER);
        };
    }

    /** Whether {@code identity} is one of the deployment's own tokens, which hold their role in every team. */
    public static boolean deploymentWide(SecurityIdentity identity) {
        return identity.getAttribute(ATTRIBUTE) == null;
    }

    /** The teams a directory token is admin of; none for the deployment's own tokens, which hold no team roles. */
    public static Set<String> administered(SecurityIdentity identity) {
        Map<String, TeamRole> held = identity.getAttribute(ATTRIBUTE);
        return held == null ? Set.of() : held.entrySet().stream().filter(e -> e.getValue() == TeamRole.ADMIN)
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
    }

    /** The role {@code identity} holds in {@code teamId}, or null. */
    public static TeamRole role(SecurityIdentity identity, String teamId) {
        Map<String, TeamRole> teamRoles = identity.getAttribute(ATTRIBUTE);
        if (teamRoles != null) {
            return teamRoles.get(teamId);
        }
        Set<String> roles = identity.getRoles();
        TeamRole[] highestFirst = TeamRole.values();
        for (int i = highestFirst.length - 1; i >= 0; i--) {
            if (roles.contains(highestFirst[i].wireName())) {
                return highestFirst[i];
            }
        }
        return null;
    }

    /**
     * Returns normally if {@code identity} is the person {@code personId}'s own token or the
     * deployment's admin: what a person keeps for themselves (their contact methods) only they
     * change.
     *
     * @param does what the caller tried, in the API's words ("change the contact methods of alice")
     * @throws ProblemException 403 naming who may
     */
    public static void requireSelf(SecurityIdentity identity, String personId, String does) {
        if (deploymentWide(identity) && identity.getRoles().contains(Roles.ADMIN)) {
            return;
        }
        Actor actor = Actor.of(identity);
        if (!actor.isPerson(personId)) {
            throw new ProblemException(403, "Forbidden", "only " + personId + "'s own token (or one with the "
                    + "deployment's admin role) can " + does + "; the API token presented is " + actor.reference());
        }
    }

    /**
     * Returns normally if {@code identity} may change a document owned by each of {@code teams}:
     * the deployment's admin may change any; a team's {@code admin} only documents of their own
     * team. Pass the team the document is stored with and the one a change would give it, so
     * nobody moves a document into or out of a team they do not run. A null team is the
     * deployment's own: only its admin changes such a document.
     *
     * @throws ProblemException 403 naming the role and the team the call needs
     */
    public static void requireOwner(SecurityIdentity identity, String... teams) {
        if (deploymentWide(identity) && identity.getRoles().contains(Roles.ADMIN)) {
            return;
        }
        for (String team : teams) {
            if (team == null) {
                throw new ProblemException(403, "Forbidden", "this belongs to no team: only the deployment's "
                        + "admin token may change it; give it a team its admins may change");
            }
            require(identity, team, TeamRole.ADMIN);
        }
    }

    /**
     * Returns normally if {@code identity} holds {@code needed} (or a role above it) in {@code teamId}.
     *
     * @throws ProblemException 403 naming the role and the team the call needs
     */
    public static void require(SecurityIdentity identity, String teamId, TeamRole needed) {
        TeamRole held = role(identity, teamId);
        if (held == null || !held.includes(needed)) {
            throw new ProblemException(403, "Forbidden", "this call needs the '" + needed.wireName()
                    + "' role in team '" + teamId + "'; the API token presented does not hold it");
        }
    }
}
