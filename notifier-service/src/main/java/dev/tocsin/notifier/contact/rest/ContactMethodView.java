package dev.tocsin.notifier.contact.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tocsin.eventing.api.Redaction;
import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.contact.ContactMethod;
import java.time.Instant;
import java.util.List;

/**
 * A contact method as the API shows it.
 *
 * @param address shown to admin only; null for every other caller, and then named in {@code redacted}
 * @param verified whether pages use it: set by the admin, or confirmed with the code sent through it
 * @param redacted the fields withheld from this caller (see {@link Redaction})
 */
public record ContactMethodView(String userId, String id, Channel type, String address, boolean verified,
        Instant createdAt, Instant updatedAt, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> redacted) {

    static ContactMethodView of(ContactMethod method) {
        return of(method, Redaction.showsContacts());
    }

    /** @param shown whether this caller sees contact addresses, read once for a whole list */
    static ContactMethodView of(ContactMethod method, boolean shown) {
        return new ContactMethodView(method.userId, method.id, method.type, shown ? method.address : null,
                method.verified, method.createdAt, method.updatedAt, Redaction.withheld(shown, "address", method.address));
    }
}
