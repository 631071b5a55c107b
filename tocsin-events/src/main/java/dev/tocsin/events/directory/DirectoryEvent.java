package dev.tocsin.events.directory;

import dev.tocsin.events.IntegrationEvent;

/**
 * Changes to the directory escalation-service owns (teams, memberships, API tokens), published on
 * the compacted topic {@code tocsin.directory} so every service can authenticate tokens against a
 * projection of its own. Each record is keyed by its entity ({@code team:payments},
 * {@code membership:payments/alice}, {@code token:<uuid>}), so compaction keeps each entity's
 * latest state; a new kind of entity (people, services) is one more record here.
 */
public sealed interface DirectoryEvent extends IntegrationEvent
        permits TeamSaved, TeamDeleted, MembershipSaved, MembershipRemoved, TokenIssued, TokenRevoked {

    /** The key of a team's events. */
    static String teamKey(String teamId) {
        return "team:" + teamId;
    }

    /** The key of one person's membership in one team. */
    static String membershipKey(String teamId, String personId) {
        return "membership:" + teamId + "/" + personId;
    }

    /** The key of a token's events. */
    static String tokenKey(String tokenId) {
        return "token:" + tokenId;
    }
}
