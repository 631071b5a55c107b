package dev.tocsin.ingest.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.SignalAction;
import dev.tocsin.ingest.pipeline.Classification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Given these events, when this signal, then these events. */
class AlertTest {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
    private static final Classification PAGE = new Classification(Urgency.PAGE, "paged: severity critical");

    private static AlertSignalReceived signal(SignalAction action) {
        return new AlertSignalReceived(UUID.randomUUID(), "fp1", action, "checkout", "errors", "critical",
                Map.of("alertname", "X"), Map.of(), T, null, null, "alertmanager-v2", T);
    }

    private static Alert given(AlertChange... events) {
        Alert state = null;
        for (AlertChange e : events) {
            state = Alert.apply(state, e);
        }
        return state;
    }

    private static AlertChange.Opened opened() {
        return (AlertChange.Opened) Alert.decide(null, signal(SignalAction.TRIGGER), "a1", PAGE, T).get(0);
    }

    @Test
    void theFirstTriggerOpensAnAlertWithItsUrgencyAndReason() {
        AlertChange.Opened opened = opened();
        assertEquals("a1", opened.alertId());
        assertEquals(Urgency.PAGE, opened.urgency());
        assertEquals("paged: severity critical", opened.reason());
    }

    @Test
    void aTriggerWhileOpenIsARepeatNotANewAlert() {
        // The point of dedup: a re-sent alert is counted and never pages again.
        Alert open = given(opened());
        List<AlertChange> events = Alert.decide(open, signal(SignalAction.TRIGGER), "a2", PAGE, T.plusSeconds(30));
        assertInstanceOf(AlertChange.Repeated.class, events.get(0));
        assertEquals("a1", events.get(0).alertId());
        assertEquals(2, given(opened(), events.get(0)).count());
    }

    @Test
    void aResolveClosesTheOpenAlert() {
        List<AlertChange> events = Alert.decide(given(opened()), signal(SignalAction.RESOLVE), "a2", PAGE, T);
        assertInstanceOf(AlertChange.Closed.class, events.get(0));
        assertEquals(Alert.Status.RESOLVED, given(opened(), events.get(0)).status());
    }

    @Test
    void aResolveWithNoOpenAlertChangesNothing() {
        // Resolved alerts keep arriving from Prometheus for a while; they must not create anything.
        assertTrue(Alert.decide(null, signal(SignalAction.RESOLVE), "a2", PAGE, T).isEmpty());
    }

    @Test
    void aTriggerAfterResolveIsANewAlert() {
        Alert closed = given(opened(), new AlertChange.Closed("a1", UUID.randomUUID(), T));
        List<AlertChange> events = Alert.decide(closed, signal(SignalAction.TRIGGER), "a2", PAGE, T.plusSeconds(60));
        assertEquals("a2", assertInstanceOf(AlertChange.Opened.class, events.get(0)).alertId());
    }

    @Test
    void theVersionCountsEvents() {
        Alert state = given(opened(), new AlertChange.Repeated("a1", UUID.randomUUID(), T),
                new AlertChange.Closed("a1", UUID.randomUUID(), T));
        assertEquals(3, state.version());
    }
}
