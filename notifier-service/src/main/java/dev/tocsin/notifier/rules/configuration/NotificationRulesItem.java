package dev.tocsin.notifier.rules.configuration;

import dev.tocsin.notifier.rules.NotificationRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A person's notification rules as the configuration document holds them: the body of {@code PUT
 * /api/v1/users/{person}/notification-rules} with the person of its path.
 */
public record NotificationRulesItem(@NotBlank @Size(max = 63) String person,
        @NotNull @Size(max = 20) List<@Valid @NotNull NotificationRule> rules) {
}
