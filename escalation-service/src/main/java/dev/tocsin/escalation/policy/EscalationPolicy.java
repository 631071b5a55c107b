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
 * @param team the team that owns the policy, whose admins may change it; null: the deployment's
 */
public record EscalationPolicy(String id, @NotBlank String name, @Min(0) @Max(10) Integer repeat,
        @NotEmpty List<@Valid @NotNull Step> steps, @Size(max = 63) String team) {

    public EscalationPolicy(String id, String name, Integer repeat, List<Step> steps) {
        this(id, name, repeat, steps, null);
    }

    public static final int DEFAULT_REPEAT = 2;

    /** What a step notifies; the id names a schedule, a person or a team. */
    public enum TargetType {
        SCHEDULE_PRIMARY,
        SCHEDULE_SECONDARY,
        USER,
        /** Every member of the team whose role is responder or admin. */
        TEAM_ALL,
        /** One of the team's responders and admins per page, in turn (the turn is kept per team). */
        TEAM_ROUND_ROBIN;

        public boolean schedule() {
            return this == SCHEDULE_PRIMARY || this == SCHEDULE_SECONDARY;
        }

        public boolean team() {
            return this == TEAM_ALL || this == TEAM_ROUND_ROBIN;
        }
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
        return new EscalationPolicy(id, name, repeat == null ? DEFAULT_REPEAT : repeat, steps, team);
    }

    public int repeatOrDefault() {
        return repeat == null ? DEFAULT_REPEAT : repeat;
    }
}
