package dev.tocsin.notifier.contact.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/users/{userId}/contact-methods/{id}/verification}: the code the method received. */
public record VerificationRequest(@NotBlank @Size(max = 16) String code) {
}
