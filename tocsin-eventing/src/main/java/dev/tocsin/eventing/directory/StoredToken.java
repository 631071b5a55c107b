package dev.tocsin.eventing.directory;

import dev.tocsin.eventing.api.Actor;
import dev.tocsin.events.directory.TeamRole;
import dev.tocsin.events.directory.TokenSubject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A directory token as this service's projection holds it, with its person's memberships, and
 * the one decision made from it: whether it is accepted now, and with which role in which team.
 *
 * @param memberships the role the subject holds in each team, for a person; empty for a tool
 */
public record StoredToken(String tokenId, TokenSubject subject, Map<String, TeamRole> teamRoles, Instant expiresAt,
        Instant revokedAt, Map<String, TeamRole> memberships) {

    /** What an accepted token may do: its actor and its role in each team. */
    public record Grant(Actor actor, Map<String, TeamRole> teamRoles) {
    }

    /**
     * The grant of this token at {@code now}: none once it is revoked or has expired. A person's
     * token does in each team at most what their membership allows now, and nothing in a team they
     * have left, so a role lowered or a member removed takes effect on their tokens at once; a
     * tool's token holds its roles as issued.
     */
    public Optional<Grant> grant(Instant now) {
        if (revokedAt != null || !now.isBefore(expiresAt)) {
            return Optional.empty();
        }
        Map<String, TeamRole> effective = new TreeMap<>();
        boolean person = subject.kind() == TokenSubject.Kind.PERSON;
        teamRoles.forEach((team, role) -> {
            TeamRole bound = person ? memberships.get(team) : role;
            if (bound != null) {
                effective.put(team, role.atMost(bound));
            }
        });
        Actor.Kind kind = person ? Actor.Kind.PERSON : Actor.Kind.TOOL;
        return Optional.of(new Grant(new Actor(kind, subject.id()), Map.copyOf(effective)));
    }
}
