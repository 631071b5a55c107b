package dev.tocsin.escalation.page.rest;

import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/pages/{id}/reassign}: who reassigns, and to whom: a person
 * ({@code userId}, who gets the current step's deadline to answer) or another escalation policy
 * ({@code policyId}, from its step 1); exactly one of the two.
 */
public record ReassignRequest(@Size(max = 200) String by, @Size(max = 63) String userId,
        @Size(max = 63) String policyId) {
}
