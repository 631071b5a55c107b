package dev.tocsin.events.directory;

import java.time.Instant;

/** A token was revoked: every service refuses it once this event is projected. */
public record TokenRevoked(String tokenId, String revokedBy, Instant revokedAt) implements DirectoryEvent {

    @Override
    public String aggregateId() {
        return DirectoryEvent.tokenKey(tokenId);
    }
}
