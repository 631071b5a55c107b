package dev.tocsin.escalation.token;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/tokens}: whom the token speaks for, its role in each team, and
 * when it expires (by default {@code tocsin.tokens.default-lifetime} from now).
 *
 * @param teamRoles role ({@code admin}, {@code responder}, {@code viewer}) by team id
 */
public record TokenRequest(Subject subject, @Size(max = 100) Map<@Size(max = 63) String, @Size(max = 16) String> teamRoles,
        Instant expiresAt) {

    /** {@code kind} is {@code person} (a person id) or {@code tool} (a tool's name, e.g. {@code deploy-bot}). */
    public record Subject(@Size(max = 16) String kind, @Size(max = 63) String id) {
    }
}
