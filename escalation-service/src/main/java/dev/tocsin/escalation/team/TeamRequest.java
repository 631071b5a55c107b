package dev.tocsin.escalation.team;

import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /api/v1/teams} and {@code PUT /api/v1/teams/{id}}: a whole team. The id
 * is required when creating and, if given when replacing, must be the path's.
 *
 * @param businessHours may be null: the team names none
 * @param defaultPolicy may be null: the escalation policy the team's services page by when they name none
 * @param fallbackContact may be null: the person (a user id) told when a page of the team's services
 *     runs out of its policy
 */
public record TeamRequest(@Size(max = 63) String id, @Size(max = 200) String name, @Size(max = 64) String timeZone,
        Hours businessHours, @Size(max = 63) String defaultPolicy, @Size(max = 63) String fallbackContact) {

    /** Working days ({@code MONDAY} … {@code SUNDAY}) and wall-clock times ({@code 09:00}) in the team's zone. */
    public record Hours(@Size(max = 7) List<@Size(max = 16) String> days, @Size(max = 16) String start,
            @Size(max = 16) String end) {
    }
}
