package dev.tocsin.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.events.alert.AlertEvent;
import dev.tocsin.events.delivery.DeliveryEvent;
import dev.tocsin.events.page.PageEvent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTypesTest {

    @ParameterizedTest
    @ValueSource(classes = {AlertEvent.class, PageEvent.class, DeliveryEvent.class})
    void everyEventOfAnAggregateIsRegistered(Class<?> sealedFamily) {
        // An event record added to a sealed family but not registered would be impossible to publish.
        Arrays.stream(sealedFamily.getPermittedSubclasses()).forEach(type -> assertTrue(
                EventTypes.ALL.stream().anyMatch(t -> t.recordType() == type), type.getName() + " is not registered"));
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
