package dev.tocsin.notifier.rules;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * One step of a person's notification rules: notify this contact method of theirs this long after
 * they are asked to respond (the notify request), unless the page was acknowledged or resolved by then.
 *
 * @param contactMethod the id of one of the person's contact methods
 * @param delay ISO-8601, from {@code PT0S} to {@code PT1H}
 */
public record NotificationRule(@NotBlank String contactMethod, @NotNull Duration delay) {

    /** The longest delay a rule may have: a page nobody answered in an hour has escalated long before. */
    public static final Duration MAX_DELAY = Duration.ofHours(1);
}
