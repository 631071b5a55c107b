package dev.tocsin.escalation.schedule.rest;

import dev.tocsin.eventing.api.Actor;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import dev.tocsin.eventing.api.TeamAccess;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.Set;

/**
 * Who calls the endpoints where people act for themselves (overrides, swaps, calendar secrets): a person acts for
 * themselves; the bootstrap admin may act for anyone, and a team's admin for anyone on a schedule
 * of their team; any other token (a tool's, the bootstrap viewer and responder) names nobody to
 * act for and is refused.
 *
 * @param administers the teams the caller's token is admin of
 */
public record Caller(Actor actor, boolean admin, Set<String> administers) {

    public static Caller of(SecurityIdentity identity) {
        return new Caller(Actor.of(identity), identity.hasRole(Roles.ADMIN), TeamAccess.administered(identity));
    }

    /**
     * Returns normally if the caller is one of {@code people}, the bootstrap admin, or an admin of
     * {@code team}, the team of the schedule acted on (null: of no team).
     */
    public void requireIn(String team, String does, String... people) {
        if (team != null && administers.contains(team)) {
            return;
        }
        require(does, people);
    }

    /** The caller's person id, or null for the bootstrap admin. */
    public String person() {
        return actor.kind() == Actor.Kind.PERSON ? actor.id() : null;
    }

    /** Returns normally if the caller is one of {@code people} or the bootstrap admin. */
    public void require(String does, String... people) {
        if (admin) {
            return;
        }
        for (String p : people) {
            if (actor.isPerson(p)) {
                return;
            }
        }
        String who = people.length == 1 ? people[0] : String.join(" or ", people);
        throw new ProblemException(403, "Forbidden", "only " + who + " (or the admin, or an admin of the schedule's"
                + " team) can " + does + "; the API token presented is " + actor.reference()
                + ", and the 'admin' role would be needed to act for them");
    }
}
