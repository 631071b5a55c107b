package dev.tocsin.escalation.schedule.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tocsin.escalation.schedule.model.Origin;
import dev.tocsin.escalation.schedule.model.Role;
import dev.tocsin.escalation.schedule.model.Shift;
import java.time.Instant;

/**
 * A shift as the API shows it: who, in which role and layer, from when to when, and why
 * ({@code origin}: {@code rotation}, {@code override} or {@code swap}, with its id and whom it replaced).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShiftView(Role role, String layer, String person, Instant start, Instant end, String origin,
        String overrideId, String swapId, String replaced) {

    static ShiftView of(Role role, Shift s) {
        String replaced = s.origin().replacedPerson().orElse(null);
        return switch (s.origin()) {
            case Origin.Rotation r -> new ShiftView(role, s.layer(), s.person(), s.start(), s.end(), "rotation", null,
                    null, null);
            case Origin.Overridden o -> new ShiftView(role, s.layer(), s.person(), s.start(), s.end(), "override",
                    o.overrideId(), null, replaced);
            case Origin.Swapped w -> new ShiftView(role, s.layer(), s.person(), s.start(), s.end(), "swap", null,
                    w.swapId(), replaced);
        };
    }
}
