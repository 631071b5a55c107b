package dev.tocsin.notifier.contact.rest;

import dev.tocsin.events.delivery.Channel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PUT /api/v1/users/{userId}/contact-methods/{id}}.
 *
 * @param type how to reach the person: {@code EMAIL}, {@code SMS}, {@code VOICE}, {@code PUSH},
 *     {@code SLACK}, {@code TEAMS} or {@code MATTERMOST}
 * @param address where, in the form the type takes ({@code Addresses})
 */
public record ContactMethodRequest(@NotNull Channel type, @NotBlank @Size(max = 254) String address) {
}
