package dev.tocsin.escalation.token;

import dev.tocsin.events.directory.TeamRole;
import dev.tocsin.events.directory.TokenSubject;
import java.time.Instant;
import java.util.Map;

/** A token as the API lists it: everything but its secret, which is never stored. */
public record TokenView(String id, TokenSubject subject, Map<String, TeamRole> teamRoles, Instant expiresAt,
        String createdBy, Instant createdAt, String revokedBy, Instant revokedAt) {
}
