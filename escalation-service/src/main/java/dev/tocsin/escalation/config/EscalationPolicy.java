package dev.tocsin.escalation.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;

/**
 * Who is notified, step by step, until someone acknowledges. A policy without steps is refused:
 * an empty selector never means everybody.
 *
 * @param repeat how many more times the whole list runs after the first pass
 */
public record EscalationPolicy(String id, @NotBlank String name, @Min(0) @Max(10) int repeat,
        @NotEmpty List<@Valid @NotNull Step> steps) {

    public enum TargetType {
        SCHEDULE_PRIMARY,
        SCHEDULE_SECONDARY,
        USER
    }

    public record Target(@NotNull TargetType type, @NotBlank String id) {
    }

    /** @param deadline how long the step waits for an acknowledgement: PT1M to PT2H */
    public record Step(@Valid @NotNull Target target, @NotNull Duration deadline) {
    }
}
