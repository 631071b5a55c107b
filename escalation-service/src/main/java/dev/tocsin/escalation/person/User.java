package dev.tocsin.escalation.person;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A person who can be on call. Contact methods live in notifier-service. */
public record User(String id, @NotBlank @Size(max = 200) String name, @NotBlank String timeZone) {
}
