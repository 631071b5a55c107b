package dev.tocsin.events.directory;

import java.time.Instant;

/** A monitored service was deleted. */
public record ServiceDeleted(String serviceId, String deletedBy, Instant deletedAt) implements DirectoryEvent {

    @Override
    public String aggregateId() {
        return DirectoryEvent.serviceKey(serviceId);
    }
}
