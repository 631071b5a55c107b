package dev.tocsin.escalation.page.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/pages/{id}/acknowledge}, {@code /resolve} and {@code /escalate}:
 * who acts on the page.
 */
public record PageActionRequest(@NotBlank @Size(max = 200) String by) {
}
