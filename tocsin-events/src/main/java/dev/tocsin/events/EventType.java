package dev.tocsin.events;

/**
 * One integration event type: its CloudEvents {@code ce_type}, the topic it travels on and the
 * record that carries it.
 */
public record EventType(String ceType, String topic, Class<? extends IntegrationEvent> recordType) {
}
