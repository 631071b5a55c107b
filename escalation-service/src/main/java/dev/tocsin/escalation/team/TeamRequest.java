package dev.tocsin.escalation.team;

import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /api/v1/teams} and {@code PUT /api/v1/teams/{id}}: a whole team. The id
 * is required when creating and, if given when replacing, must be the path's.
 *
 * @param businessHours may be null: the team names none
 */
public record TeamRequest(@Size(max = 63) String id, @Size(max = 200) String name, @Size(max = 64) String timeZone,
        Hours businessHours) {

    /** Working days ({@code MONDAY} … {@code SUNDAY}) and wall-clock times ({@code 09:00}) in the team's zone. */
    public record Hours(@Size(max = 7) List<@Size(max = 16) String> days, @Size(max = 16) String start,
            @Size(max = 16) String end) {
    }
}
