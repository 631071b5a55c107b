package dev.tocsin.escalation.page.rest;

import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/pages/{id}/acknowledge}, {@code /resolve} and {@code /escalate}:
 * who acts on the page. With a person's own token that is the person, and {@code by} may be left
 * out; a tool's token may name the person it acts for; a deployment (bootstrap) token must name one.
 */
public record PageActionRequest(@Size(max = 200) String by) {
}
