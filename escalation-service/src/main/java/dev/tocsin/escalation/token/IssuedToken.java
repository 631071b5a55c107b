package dev.tocsin.escalation.token;

import dev.tocsin.events.directory.TeamRole;
import dev.tocsin.events.directory.TokenSubject;
import java.time.Instant;
import java.util.Map;

/**
 * The answer to issuing a token: the one time its {@code secret} is shown. Whoever asked must keep
 * it; escalation-service keeps only its SHA-256.
 */
public record IssuedToken(String id, String secret, TokenSubject subject, Map<String, TeamRole> teamRoles,
        Instant expiresAt, String createdBy, Instant createdAt) {
}
