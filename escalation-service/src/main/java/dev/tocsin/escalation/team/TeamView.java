package dev.tocsin.escalation.team;

import dev.tocsin.events.directory.BusinessHours;
import java.time.Instant;
import java.util.List;

/**
 * A team as the API shows it, with its members.
 *
 * @param defaultPolicy the policy the team's services page by when they name none; may be null
 * @param fallbackContact the person notified when a page of the team's services runs out; may be null
 */
public record TeamView(String id, String name, String timeZone, BusinessHours businessHours, List<Member> members,
        String createdBy, Instant createdAt, String updatedBy, Instant updatedAt, String defaultPolicy,
        String fallbackContact) {

    /** One member: a person's id, their role in the team, and who last set it. */
    public record Member(String personId, String role, String updatedBy, Instant updatedAt) {
    }
}
