package dev.tocsin.incident.timeline;

import dev.tocsin.events.IntegrationEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** Every {@link EntryMapper}; finds the one that knows an event. */
@ApplicationScoped
public class EntryMappers {

    private final List<EntryMapper<?>> mappers;

    @Inject
    EntryMappers(Instance<EntryMapper<?>> mappers) {
        this(mappers.stream().toList());
    }

    public EntryMappers(List<EntryMapper<?>> mappers) {
        this.mappers = List.copyOf(mappers);
    }

    /** The event's timeline entry; empty for an event no mapper knows, which the timeline leaves out. */
    public Optional<TimelineEntry> entryFor(IntegrationEvent event) {
        return mappers.stream().flatMap(mapper -> mapper.entryFor(event).stream()).findFirst();
    }
}
