package dev.tocsin.escalation.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** A monitored service: how critical it is and which escalation policy pages for it. */
public record ServiceDefinition(String id, @NotBlank String name, @NotNull Criticality criticality,
        @NotBlank String escalationPolicy) {

    /** User-facing services get the shortest response deadlines (SRE book ch. 11). */
    public enum Criticality {
        USER_FACING,
        INTERNAL
    }
}
