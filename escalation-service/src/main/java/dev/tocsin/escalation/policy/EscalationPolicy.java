package dev.tocsin.escalation.policy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;

/**
 * Who is notified, step by step, until someone acknowledges. A policy without steps, or a step
 * without targets, is refused: an empty selector never means everybody.
 *
 * @param repeat how many more times the whole list runs after the first pass; {@value #DEFAULT_REPEAT}
 *     when absent
 */
public record EscalationPolicy(String id, @NotBlank String name, @Min(0) @Max(10) Integer repeat,
        @NotEmpty List<@Valid @NotNull Step> steps) {

    public static final int DEFAULT_REPEAT = 2;

    /**
     * What a step notifies. Team targets (round-robin, everyone in a team) are planned with teams
     * (docs/design.md).
     */
    public enum TargetType {
        SCHEDULE_PRIMARY,
        SCHEDULE_SECONDARY,
        USER
    }

    public record Target(@NotNull TargetType type, @NotBlank String id) {
    }

    /**
     * @param targets everybody the step notifies at once: up to 10 targets, a person named twice is notified once
     * @param deadline how long the step waits for an acknowledgement, PT1M to PT60M; when absent, the
     *     service's criticality gives it when a page opens ({@link ServiceDefinition.Criticality#deadline()})
     */
    public record Step(@NotEmpty @Size(max = 10) List<@Valid @NotNull Target> targets, Duration deadline) {
    }

    /** The policy with its defaults filled in, as it is stored. */
    public EscalationPolicy withDefaults(String id) {
        return new EscalationPolicy(id, name, repeat == null ? DEFAULT_REPEAT : repeat, steps);
    }

    public int repeatOrDefault() {
        return repeat == null ? DEFAULT_REPEAT : repeat;
    }
}
