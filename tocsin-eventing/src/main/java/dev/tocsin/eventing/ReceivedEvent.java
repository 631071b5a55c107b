package dev.tocsin.eventing;

import dev.tocsin.events.IntegrationEvent;
import java.time.Instant;
import java.util.UUID;

/** An integration event read from Kafka, with the CloudEvents attributes it came with. */
public record ReceivedEvent(UUID id, String ceType, String source, Instant time, IntegrationEvent event) {
}
