package dev.tocsin.notifier.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One attempt to deliver a notification to one address: what a channel is handed.
 *
 * @param deliveryId the delivery it belongs to, which a provider's callbacks name (a call's
 *     TwiML, a message's status) so they find it again
 * @param bundled the other pages this one message tells of, during a storm (SMS and push only);
 *     empty for a message about one page
 */
public record Attempt(String deliveryId, Notification notification, String address, List<Notification> bundled) {

    public Attempt {
        bundled = List.copyOf(bundled);
    }

    public Attempt(String deliveryId, Notification notification, String address) {
        this(deliveryId, notification, address, List.of());
    }

    /** The storm's message about several pages; absent for a message about one. */
    public Optional<Bundle> bundle() {
        if (bundled.isEmpty()) {
            return Optional.empty();
        }
        List<Notification> pages = new ArrayList<>(bundled.size() + 1);
        pages.add(notification);
        pages.addAll(bundled);
        return Optional.of(new Bundle(pages));
    }
}
