package dev.tocsin.notifier.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * Delivery ids derived from what they deliver, so a notify request that arrives twice (a
 * redelivery, or the same request published again under a new event id) finds the delivery it
 * already made instead of starting a second one.
 */
public final class DeliveryIds {

    private DeliveryIds() {
    }

    /** The delivery of request {@code requestId} to one contact method of {@code userId}. */
    public static String of(String requestId, String userId, String contactMethodId) {
        return name("contact-method", requestId, userId, contactMethodId);
    }

    /**
     * The delivery of a request to one contact method {@code delay} after it: the same as
     * {@link #of(String, String, String)} at once, so a rule may name one method at two delays.
     */
    public static String of(String requestId, String userId, String contactMethodId, Duration delay) {
        return delay.isZero() ? of(requestId, userId, contactMethodId)
                : name("contact-method", requestId, userId, contactMethodId + "\u0000" + delay);
    }

    /** The (abandoned) delivery of a request to a person with no contact method. */
    public static String unreachable(String requestId, String userId) {
        return name("unreachable", requestId, userId, "");
    }

    private static String name(String kind, String requestId, String userId, String contactMethodId) {
        // NUL cannot occur in any of the parts (ids are validated), so distinct parts give distinct names.
        String name = String.join("\u0000", "tocsin-delivery", kind, requestId, userId, contactMethodId);
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
