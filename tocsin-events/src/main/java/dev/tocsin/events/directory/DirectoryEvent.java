package dev.tocsin.events.directory;

import dev.tocsin.events.IntegrationEvent;

/**
 * Changes to the directory escalation-service owns (teams, memberships, API tokens, people,
 * services), published on the compacted topic {@code tocsin.directory} so every service can
 * authenticate tokens and check references against a projection of its own. Each record is keyed
 * by its entity ({@code team:payments}, {@code membership:payments/alice}, {@code token:<uuid>},
 * {@code person:alice}, {@code service:checkout}), so compaction keeps each entity's latest state.
 */
public sealed interface DirectoryEvent extends IntegrationEvent
        permits TeamSaved, TeamDeleted, MembershipSaved, MembershipRemoved, TokenIssued, TokenRevoked, PersonSaved,
        PersonDeleted, ServiceSaved, ServiceDeleted {

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

    /** The key of a person's events. */
    static String personKey(String personId) {
        return "person:" + personId;
    }

    /** The key of a service's events. */
    static String serviceKey(String serviceId) {
        return "service:" + serviceId;
    }
}
