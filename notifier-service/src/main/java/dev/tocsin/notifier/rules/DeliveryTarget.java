package dev.tocsin.notifier.rules;

import dev.tocsin.events.delivery.Channel;
import java.time.Duration;

/**
 * One delivery a notify request expands to: which contact method, and how long after the request
 * to make the first attempt.
 */
public record DeliveryTarget(String contactMethodId, Channel channel, String address, Duration delay) {
}
