package dev.tocsin.ingest.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.SignalAction;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertClosed;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertOpened;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertRepeated;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Given these events of a dedup key's alert, when this signal arrives, then these events. */
class AlertTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);
    private static final UUID S0 = new UUID(0, 0);
    private static final UUID S1 = new UUID(0, 1);
    private static final UUID S2 = new UUID(0, 2);
    private static final Classification PAGE = new Classification(Urgency.PAGE, "paged: severity critical");
    private static final Map<String, String> LABELS = Map.of("alertname", "CheckoutErrors", "severity", "critical");

    private static AlertSignalReceived signal(UUID id) {
        return new AlertSignalReceived(id, "fp1", SignalAction.TRIGGER, "checkout", "Checkout errors", "critical",
                LABELS, Map.of("summary", "Checkout errors"), T0, null, "http://prometheus/graph", "alertmanager-v2", T0);
    }

    private static AlertCommand trigger(UUID signalId, String newAlertId, Instant at) {
        return new AlertCommand.Trigger(signal(signalId), newAlertId, PAGE, at);
    }

    private static AlertOpened opened(String alertId, UUID signalId, Instant at) {
        return new AlertOpened(alertId, signalId, "fp1", "checkout", "Checkout errors", "critical", Urgency.PAGE,
                "paged: severity critical", LABELS, Map.of("summary", "Checkout errors"), T0,
                "http://prometheus/graph", "alertmanager-v2", at);
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                // The first signal of a key opens an alert, carrying the urgency and the reason for it.
                Arguments.of("new", List.of(), trigger(S0, "a1", T0), List.of(opened("a1", S0, T0))),
                // The point of dedup: a re-sent firing alert is counted and never opens (pages) again.
                Arguments.of("repeat", List.of(opened("a1", S0, T0)), trigger(S1, "a2", T1),
                        List.of(new AlertRepeated("a1", S1, 2, T1))),
                // Counting continues from the last repeat, not from the opening.
                Arguments.of("second repeat", List.of(opened("a1", S0, T0), new AlertRepeated("a1", S1, 2, T1)),
                        trigger(S2, "a2", T2), List.of(new AlertRepeated("a1", S2, 3, T2))),
                // The source says it ended: the open alert closes.
                Arguments.of("resolve", List.of(opened("a1", S0, T0)), new AlertCommand.Resolve(S1, T1),
                        List.of(new AlertClosed("a1", S1, T1))),
                // Prometheus re-sends resolved alerts for a while: with nothing open they change nothing.
                Arguments.of("resolve unknown", List.of(), new AlertCommand.Resolve(S0, T0), List.of()),
                // A second resolve of a closed alert is the same late re-send.
                Arguments.of("resolve again", List.of(opened("a1", S0, T0), new AlertClosed("a1", S1, T1)),
                        new AlertCommand.Resolve(S2, T2), List.of()),
                // Firing again after it ended is a new incident for responders: a new alert with a new id.
                Arguments.of("trigger after resolve", List.of(opened("a1", S0, T0), new AlertClosed("a1", S1, T1)),
                        trigger(S2, "a2", T2), List.of(opened("a2", S2, T2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void decides(String scenario, List<AlertDomainEvent> given, AlertCommand when, List<AlertDomainEvent> then) {
        assertEquals(then, Alert.decide(state(given), when));
    }

    @Test
    void stateFollowsTheEvents() {
        Alert state = state(List.of(opened("a1", S0, T0), new AlertRepeated("a1", S1, 2, T1),
                new AlertClosed("a1", S2, T2)));
        assertEquals(new Alert("a1", "fp1", "checkout", Alert.Status.RESOLVED, 2, T2, 3), state);
    }

    @Test
    void theProjectionRowFollowsTheSameEvents() {
        // The rebuild folds rows with AlertRow.apply; it must agree with the aggregate on every shared field.
        List<AlertDomainEvent> events = List.of(opened("a1", S0, T0), new AlertRepeated("a1", S1, 2, T1),
                new AlertClosed("a1", S2, T2));
        AlertRow row = null;
        for (AlertDomainEvent event : events) {
            row = AlertRow.apply(row, event);
        }
        assertEquals(state(events), row.toAlert());
        assertEquals(T0, row.firstSeen());
        assertEquals(T2, row.resolvedAt());
        assertEquals("PAGE", row.urgency());
    }

    @Test
    void onlyOpeningAndClosingArePublished() {
        Alert open = state(List.of(opened("a1", S0, T0)));
        AlertTriggered triggered = (AlertTriggered) AlertPublication.of(null, opened("a1", S0, T0)).orElseThrow();
        assertEquals("paged: severity critical", triggered.reason());
        assertEquals(LABELS, triggered.labels());
        // A repeat must not reach escalation-service: it would page again.
        assertTrue(AlertPublication.of(open, new AlertRepeated("a1", S1, 2, T1)).isEmpty());
        assertEquals(new AlertResolved("a1", "fp1", "checkout", T1),
                AlertPublication.of(open, new AlertClosed("a1", S1, T1)).orElseThrow());
    }

    private static Alert state(List<AlertDomainEvent> events) {
        Alert state = null;
        for (AlertDomainEvent event : events) {
            state = Alert.apply(state, event);
        }
        return state;
    }
}
