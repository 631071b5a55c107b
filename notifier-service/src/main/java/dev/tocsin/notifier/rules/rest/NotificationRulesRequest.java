package dev.tocsin.notifier.rules.rest;

import dev.tocsin.notifier.rules.NotificationRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code PUT /api/v1/users/{userId}/notification-rules}: the person's rules, in order.
 *
 * @param rules each a contact method of the person and a delay from the notify request
 */
public record NotificationRulesRequest(@NotNull @Size(max = 20) List<@Valid @NotNull NotificationRule> rules) {
}
