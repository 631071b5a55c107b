package dev.tocsin.notifier.contact.rest;

import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.contact.ContactMethod;
import java.time.Instant;

/** A contact method as the API shows it. */
public record ContactMethodView(String userId, String id, Channel type, String address, Instant createdAt,
        Instant updatedAt) {

    static ContactMethodView of(ContactMethod method) {
        return new ContactMethodView(method.userId, method.id, method.type, method.address, method.createdAt,
                method.updatedAt);
    }
}
