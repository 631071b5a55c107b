package dev.tocsin.events.directory;

import java.time.Instant;
import java.util.Map;

/**
 * An API token was issued. Only the SHA-256 of its secret travels: the secret is shown once, to
 * whoever asked for the token, and stored nowhere.
 *
 * @param secretSha256 lowercase hex SHA-256 of the secret's UTF-8 bytes, which is what a service
 *     looks a presented token up by
 * @param teamRoles the role the token holds in each team, by team id; a person's token is further
 *     bounded by their membership at the time it is used
 */
public record TokenIssued(String tokenId, String secretSha256, TokenSubject subject, Map<String, TeamRole> teamRoles,
        Instant expiresAt, String issuedBy, Instant issuedAt) implements DirectoryEvent {

    @Override
    public String aggregateId() {
        return DirectoryEvent.tokenKey(tokenId);
    }
}
