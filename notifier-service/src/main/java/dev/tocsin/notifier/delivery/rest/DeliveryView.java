package dev.tocsin.notifier.delivery.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tocsin.eventing.api.Redaction;
import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.delivery.DeliveryRow;
import dev.tocsin.notifier.delivery.DeliveryStatus;
import java.time.Instant;
import java.util.List;

/**
 * A delivery as the API shows it.
 *
 * @param channel null (as is {@code address}) when the person had no contact method
 * @param address shown to admin only, as is {@code lastError} (a provider's answer often quotes the
 *     address); null for every other caller, and then named in {@code redacted}
 * @param nextAttemptAt when the next attempt is due while the status is PENDING or FAILED
 * @param cancelReason why a CANCELLED delivery was stopped or never attempted, e.g. "page acknowledged
 *     by alice"; it names a person, never an address, so every caller sees it. Kept when an attempt in
 *     flight at the cancellation then sent the message (status SENT)
 * @param redacted the fields withheld from this caller (see {@link Redaction})
 */
public record DeliveryView(String id, String requestId, String pageId, String alertId, String userId, Channel channel,
        String address, DeliveryStatus status, int attempts, String lastError, Instant nextAttemptAt,
        Instant updatedAt, @JsonInclude(JsonInclude.Include.NON_NULL) String cancelReason,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> redacted) {

    static DeliveryView of(DeliveryRow row) {
        return of(row, Redaction.showsContacts());
    }

    /** @param shown whether this caller sees contact addresses, read once for a whole list */
    static DeliveryView of(DeliveryRow row, boolean shown) {
        return new DeliveryView(row.id(), row.requestId(), row.pageId(), row.alertId(), row.userId(), row.channel(),
                shown ? row.address() : null, row.status(), row.attempts(), shown ? row.lastError() : null,
                row.nextAttemptAt(), row.updatedAt(), row.cancelReason(), Redaction.withheld(shown, "address", row.address(), "lastError",
                row.lastError()));
    }
}
