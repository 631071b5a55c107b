package dev.tocsin.escalation.team;

import dev.tocsin.events.directory.BusinessHours;
import java.time.Instant;
import java.util.List;

/** A team as the API shows it, with its members. */
public record TeamView(String id, String name, String timeZone, BusinessHours businessHours, List<Member> members,
        String createdBy, Instant createdAt, String updatedBy, Instant updatedAt) {

    /** One member: a person's id, their role in the team, and who last set it. */
    public record Member(String personId, String role, String updatedBy, Instant updatedAt) {
    }
}
