package dev.tocsin.escalation.service;

import com.fasterxml.jackson.annotation.JsonCreator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Locale;

/** A monitored service: how critical it is and which escalation policy pages for it. */
public record ServiceDefinition(String id, @NotBlank String name, @NotNull Criticality criticality,
        @NotBlank String escalationPolicy) {

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
