package dev.tocsin.incident.timeline;

import dev.tocsin.events.IntegrationEvent;
import java.util.Optional;

/**
 * Turns the events of one family (one topic) into timeline entries. Each family is its own CDI
 * bean, so recording a new topic's events adds a mapper and touches nothing else. Mappers are
 * pure: no I/O, no clock, only the event.
 */
public interface EntryMapper<E extends IntegrationEvent> {

    /** The event family this mapper reads, e.g. {@code PageEvent.class}. */
    Class<E> family();

    /** The entry for an event of the family. */
    TimelineEntry entry(E event);

    /** The entry for any event; empty when it belongs to another family. */
    default Optional<TimelineEntry> entryFor(IntegrationEvent event) {
        return family().isInstance(event) ? Optional.of(entry(family().cast(event))) : Optional.empty();
    }
}
