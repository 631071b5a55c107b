package dev.tocsin.escalation.service;

import com.fasterxml.jackson.annotation.JsonCreator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.Locale;

/**
 * A monitored service: how critical it is, which escalation policy pages for it and which team
 * owns it.
 *
 * @param escalationPolicy may be null: the team's default policy pages, else the system's fallback
 *     policy (docs/design.md, "A page always reaches someone")
 * @param team may be null: the service is the deployment's, changed only by its admin
 */
public record ServiceDefinition(String id, @NotBlank String name, @NotNull Criticality criticality,
        @Size(max = 63) String escalationPolicy, @Size(max = 63) String team) {

    public ServiceDefinition(String id, String name, Criticality criticality, String escalationPolicy) {
        this(id, name, criticality, escalationPolicy, null);
    }

    /**
     * How critical a service is gives the response deadline of every policy step that sets none:
     * the more critical, the sooner the next person is paged (SRE book ch. 11).
     */
    public enum Criticality {
        CRITICAL(Duration.ofMinutes(5)),
        HIGH(Duration.ofMinutes(15)),
        LOW(Duration.ofMinutes(30));

        private final Duration deadline;

        Criticality(Duration deadline) {
            this.deadline = deadline;
        }

        /** The deadline of a step that sets none. */
        public Duration deadline() {
            return deadline;
        }

        /**
         * Also reads the names of before: {@code USER_FACING} (now {@code CRITICAL}) and
         * {@code INTERNAL} (now {@code LOW}), so clients and scripts written for them keep working;
         * stored documents were migrated (V101).
         */
        @JsonCreator
        public static Criticality of(String name) {
            String upper = name == null ? null : name.trim().toUpperCase(Locale.ROOT);
            if ("USER_FACING".equals(upper)) {
                return CRITICAL;
            }
            if ("INTERNAL".equals(upper)) {
                return LOW;
            }
            return valueOf(upper);
        }
    }
}
