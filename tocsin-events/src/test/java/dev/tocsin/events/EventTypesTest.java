package dev.tocsin.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventTypesTest {

    /** Every record under the sealed {@link IntegrationEvent}, through its families. */
    static Stream<Class<?>> permittedRecords() {
        return leaves(IntegrationEvent.class);
    }

    private static Stream<Class<?>> leaves(Class<?> type) {
        return type.isSealed() ? Stream.of(type.getPermittedSubclasses()).flatMap(EventTypesTest::leaves) : Stream.of(type);
    }

    @ParameterizedTest
    @MethodSource("permittedRecords")
    void everyPermittedEventIsRegisteredAsItself(Class<?> record) {
        // The switch in EventTypes.of makes a case compulsory; this checks the case names the right type.
        assertEquals(record, EventTypes.of(Samples.of(record)).recordType());
    }

    @Test
    void theRegistryHoldsExactlyThePermittedEvents() {
        // A registered type outside the sealed families could be read but never published, and the reverse.
        Set<Class<?>> registered = EventTypes.ALL.stream().map(EventType::recordType).collect(Collectors.toSet());
        assertEquals(permittedRecords().collect(Collectors.toSet()), registered);
        assertEquals(EventTypes.ALL.size(), registered.size());
    }

    @Test
    void eachFamilyTravelsOnOneTopic() {
        // Consumers subscribe per topic; a family split over two topics would be half-consumed.
        for (Class<?> family : IntegrationEvent.class.getPermittedSubclasses()) {
            List<String> topics = leaves(family).map(r -> EventTypes.of(Samples.of(r)).topic()).distinct().toList();
            assertEquals(1, topics.size(), family.getSimpleName() + " travels on " + topics);
        }
    }

    @Test
    void ceTypesAreUnique() {
        assertEquals(EventTypes.ALL.size(), EventTypes.ALL.stream().map(EventType::ceType).distinct().count());
    }

    @Test
    void anUnknownTypeIsSkippedNotMisread() {
        // A consumer must pass over event types introduced by a newer release.
        assertTrue(EventJson.readEvent("tocsin.alert.triggered.v9", "{}").isEmpty());
    }
}
