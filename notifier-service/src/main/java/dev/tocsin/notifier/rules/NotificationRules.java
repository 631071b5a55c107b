package dev.tocsin.notifier.rules;

import dev.tocsin.notifier.contact.ContactMethod;
import java.time.Duration;
import java.util.List;

/**
 * A person's notification rules: how a notify request for them expands into deliveries. For now
 * there is one rule for everybody, every contact method at once. Per-person rules with delays
 * (push now, SMS at +1 min, voice at +3 min, while unacknowledged) replace {@link #expand} in a
 * later issue; the delay of each target already decides when its first attempt is due.
 */
public final class NotificationRules {

    private NotificationRules() {
    }

    public static List<DeliveryTarget> expand(List<ContactMethod> contactMethods) {
        return contactMethods.stream()
                .map(method -> new DeliveryTarget(method.id, method.type, method.address, Duration.ZERO))
                .toList();
    }
}
