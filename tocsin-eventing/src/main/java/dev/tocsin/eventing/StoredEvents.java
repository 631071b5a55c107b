package dev.tocsin.eventing;

import dev.tocsin.events.EventJson;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The domain events of one aggregate as the event store names them: the simple names of the
 * records permitted by the aggregate's sealed event interface.
 */
public final class StoredEvents<E> {

    private final String aggregateType;
    private final Map<String, Class<? extends E>> byName;

    private StoredEvents(String aggregateType, Map<String, Class<? extends E>> byName) {
        this.aggregateType = aggregateType;
        this.byName = byName;
    }

    public static <E> StoredEvents<E> of(String aggregateType, Class<E> sealedFamily) {
        if (!sealedFamily.isSealed()) {
            throw new IllegalArgumentException(sealedFamily.getName() + " must be a sealed interface");
        }
        return new StoredEvents<>(aggregateType, Arrays.stream(sealedFamily.getPermittedSubclasses())
                .<Class<? extends E>>map(type -> type.asSubclass(sealedFamily))
                .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity())));
    }

    public String aggregateType() {
        return aggregateType;
    }

    String nameOf(E event) {
        return event.getClass().getSimpleName();
    }

    E read(String name, String json) {
        Class<? extends E> type = byName.get(name);
        if (type == null) {
            throw new IllegalStateException("unknown " + aggregateType + " event " + name);
        }
        return EventJson.read(json, type);
    }
}
