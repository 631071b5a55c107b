package dev.tocsin.notifier.channel;

/**
 * One attempt to deliver a notification to one address: what a channel is handed.
 *
 * @param deliveryId the delivery it belongs to, which a provider's callbacks name (a call's
 *     TwiML, a message's status) so they find it again
 */
public record Attempt(String deliveryId, Notification notification, String address) {
}
