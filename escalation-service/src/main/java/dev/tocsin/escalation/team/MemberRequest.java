package dev.tocsin.escalation.team;

import jakarta.validation.constraints.Size;

/** The body of {@code PUT /api/v1/teams/{id}/members/{person}}: the person's role in the team. */
public record MemberRequest(@Size(max = 16) String role) {
}
