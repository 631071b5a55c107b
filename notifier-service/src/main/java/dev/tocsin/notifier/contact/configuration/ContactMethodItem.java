package dev.tocsin.notifier.contact.configuration;

import dev.tocsin.events.delivery.Channel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A contact method as the configuration document holds it: the body of {@code PUT
 * /api/v1/users/{person}/contact-methods/{id}} with the two ids of its path.
 */
public record ContactMethodItem(@NotBlank @Size(max = 63) String person, @NotBlank @Size(max = 63) String id,
        @NotNull Channel type, @NotBlank @Size(max = 254) String address) {

    String key() {
        return person + "/" + id;
    }
}
