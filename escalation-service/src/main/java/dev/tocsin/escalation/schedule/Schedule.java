package dev.tocsin.escalation.schedule;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDateTime;
import java.util.List;

/**
 * An on-call rotation in an IANA time zone: the participants take turns, one shift each, starting
 * at a local date-time. The primary is the participant of the current shift, the secondary the next.
 */
public record Schedule(String id, @NotBlank String name, @NotBlank String timeZone, @Valid @NotNull Rotation rotation) {

    /** @param shiftLength an ISO-8601 period ({@code P7D}) or duration ({@code PT12H}) */
    public record Rotation(@NotNull LocalDateTime start, @NotBlank String shiftLength,
            @NotEmpty List<@NotBlank String> participants) {
    }
}
