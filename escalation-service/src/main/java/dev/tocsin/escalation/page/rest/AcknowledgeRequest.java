package dev.tocsin.escalation.page.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/pages/{id}/acknowledge}: who takes the page. */
public record AcknowledgeRequest(@NotBlank @Size(max = 200) String by) {
}
