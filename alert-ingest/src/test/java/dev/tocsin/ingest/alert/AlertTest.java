package dev.tocsin.ingest.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.page.AcknowledgePage;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.SignalAction;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertAcknowledged;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertClosed;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertOpened;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertReleased;
import dev.tocsin.ingest.alert.AlertDomainEvent.AlertRepeated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Given these events of a dedup key's alert, when this command arrives, then these events. */
class AlertTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);
    private static final Instant MORNING = Instant.parse("2026-11-26T08:00:00Z");
    private static final UUID S0 = new UUID(0, 0);
    private static final UUID S1 = new UUID(0, 1);
    private static final UUID S2 = new UUID(0, 2);
    private static final Classification PAGE = new Classification(Urgency.PAGE, "paged: severity critical");
    private static final Classification TICKET = new Classification(Urgency.TICKET, "ticket: severity warning");
    private static final Decision PUBLISH = Decision.publish(PAGE);
    private static final Decision HOLD = Decision.publish(TICKET).held(MORNING, "held: business hours");
    private static final Decision SILENCED = Decision.publish(PAGE).suppressed("silence:s1", "silenced by s1");
    private static final Map<String, String> LABELS = Map.of("alertname", "CheckoutErrors", "severity", "critical");

    private static AlertSignalReceived signal(UUID id) {
        return new AlertSignalReceived(id, "fp1", SignalAction.TRIGGER, "checkout", "Checkout errors", "critical",
                LABELS, Map.of("summary", "Checkout errors"), T0, null, "http://prometheus/graph", "alertmanager-v2", T0);
    }

    private static AlertCommand trigger(UUID signalId, String newAlertId, Decision decision, Instant at) {
        return new AlertCommand.Trigger(signal(signalId), newAlertId, decision, at);
    }

    private static AlertOpened opened(String alertId, UUID signalId, Decision d, Instant at) {
        return new AlertOpened(alertId, signalId, "fp1", "checkout", "Checkout errors", "critical",
                d.classification().urgency(), d.classification().reason(), LABELS, Map.of("summary", "Checkout errors"),
                T0, "http://prometheus/graph", "alertmanager-v2", at, null, null, null, d.disposition(), d.reason(),
                d.suppressedBy(), d.heldUntil(), d.groupId(), d.classification().userFacingSlo());
    }

    static Stream<Arguments> scenarios() {
        AlertOpened published = opened("a1", S0, PUBLISH, T0);
        AlertOpened held = opened("a1", S0, HOLD, T0);
        AlertOpened silenced = opened("a1", S0, SILENCED, T0);
        return Stream.of(
                // The first signal of a key opens an alert, carrying the decision and the reasons for it.
                Arguments.of("new", List.of(), trigger(S0, "a1", PUBLISH, T0), List.of(published)),
                // A held-back alert is still an alert: recorded with its reason, never lost.
                Arguments.of("new, held", List.of(), trigger(S0, "a1", HOLD, T0), List.of(held)),
                // The point of dedup: a re-sent firing alert is counted and never opens (pages) again.
                Arguments.of("repeat", List.of(published), trigger(S1, "a2", null, T1),
                        List.of(new AlertRepeated("a1", S1, 2, T1, 1))),
                // Counting continues from the last repeat, which may stand for several signals.
                Arguments.of("second repeat", List.of(published, new AlertRepeated("a1", S1, 4, T1, 3)),
                        trigger(S2, "a2", null, T2), List.of(new AlertRepeated("a1", S2, 5, T2, 1))),
                // The source says it ended: the open alert closes.
                Arguments.of("resolve", List.of(published), new AlertCommand.Resolve(S1, T1),
                        List.of(new AlertClosed("a1", S1, T1))),
                // Prometheus re-sends resolved alerts for a while: with nothing open they change nothing.
                Arguments.of("resolve unknown", List.of(), new AlertCommand.Resolve(S0, T0), List.of()),
                Arguments.of("resolve again", List.of(published, new AlertClosed("a1", S1, T1)),
                        new AlertCommand.Resolve(S2, T2), List.of()),
                // Firing again after it ended is a new incident for responders: a new alert with a new id.
                Arguments.of("trigger after resolve", List.of(published, new AlertClosed("a1", S1, T1)),
                        trigger(S2, "a2", PUBLISH, T2), List.of(opened("a2", S2, PUBLISH, T2))),
                // An acknowledgement at the source stops the page of a published PAGE alert.
                Arguments.of("acknowledge", List.of(published), new AlertCommand.Acknowledge(S1, "pagerduty", T1),
                        List.of(new AlertAcknowledged("a1", S1, "pagerduty", true, T1))),
                // A held ticket has no page to stop; the acknowledgement is still recorded.
                Arguments.of("acknowledge held", List.of(held), new AlertCommand.Acknowledge(S1, "pagerduty", T1),
                        List.of(new AlertAcknowledged("a1", S1, "pagerduty", false, T1))),
                // Acknowledging twice is one acknowledgement.
                Arguments.of("acknowledge again", List.of(published,
                        new AlertAcknowledged("a1", S1, "pagerduty", true, T1)),
                        new AlertCommand.Acknowledge(S2, "pagerduty", T2), List.of()),
                // Business hours began: the held ticket is published.
                Arguments.of("release held", List.of(held),
                        new AlertCommand.Release("business hours began", Decision.publish(TICKET), MORNING),
                        List.of(new AlertReleased("a1", "business hours began", Disposition.PUBLISHED, null, null,
                                null, MORNING))),
                // A silence ended while the alert fired on: it pages now.
                Arguments.of("release silenced", List.of(silenced),
                        new AlertCommand.Release("silence s1 ended", PUBLISH, T2),
                        List.of(new AlertReleased("a1", "silence s1 ended", Disposition.PUBLISHED, null, null, null,
                                T2))),
                // Still silenced by the same silence: nothing changed, nothing recorded.
                Arguments.of("release still silenced", List.of(silenced),
                        new AlertCommand.Release("check", SILENCED, T2), List.of()),
                // The alert resolved before its release fell due: nothing is held any more.
                Arguments.of("release after resolve", List.of(held, new AlertClosed("a1", S1, T1)),
                        new AlertCommand.Release("business hours began", Decision.publish(TICKET), MORNING),
                        List.of()),
                // A published alert is not published twice by a stale release.
                Arguments.of("release published", List.of(published),
                        new AlertCommand.Release("business hours began", PUBLISH, MORNING), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void decides(String scenario, List<AlertDomainEvent> given, AlertCommand when, List<AlertDomainEvent> then) {
        assertEquals(then, Alert.decide(state(given), when));
    }

    @Test
    void stateFollowsTheEvents() {
        AlertRow row = state(List.of(opened("a1", S0, HOLD, T0), new AlertRepeated("a1", S1, 3, T1, 2),
                new AlertReleased("a1", "business hours began", Disposition.PUBLISHED, null, null, null, MORNING),
                new AlertClosed("a1", S2, T2)));
        assertEquals(Alert.Status.RESOLVED, row.status());
        assertEquals(3, row.count());
        assertEquals(4, row.version());
        assertEquals(Disposition.PUBLISHED, row.disposition());
        assertEquals(T0, row.firstSeen());
        assertEquals(T2, row.resolvedAt());
        assertEquals(Urgency.TICKET, row.urgency());
    }

    @Test
    void repeatsOfOneBatchAreOneEventThatCountsThemAll() {
        List<AlertDomainEvent> events = new ArrayList<>();
        for (AlertDomainEvent event : List.of(opened("a1", S0, PUBLISH, T0), new AlertRepeated("a1", S1, 2, T1, 1),
                new AlertRepeated("a1", S2, 3, T2, 1), new AlertClosed("a1", S2, T2))) {
            Alert.appendCoalescing(events, event);
        }
        assertEquals(List.of(opened("a1", S0, PUBLISH, T0), new AlertRepeated("a1", S2, 3, T2, 2),
                new AlertClosed("a1", S2, T2)), events);
    }

    @Test
    void onlyWhatEscalationMustActOnIsPublished() {
        AlertOpened opening = opened("a1", S0, PUBLISH, T0);
        AlertRow open = state(List.of(opening));
        AlertTriggered triggered = (AlertTriggered) AlertPublication.of(null, opening, open).orElseThrow();
        assertEquals("paged: severity critical", triggered.reason());
        assertEquals(LABELS, triggered.labels());
        // A repeat must not reach escalation-service: it would page again.
        assertTrue(AlertPublication.of(open, new AlertRepeated("a1", S1, 2, T1, 1), open).isEmpty());
        assertEquals(new AlertResolved("a1", "fp1", "checkout", T1),
                AlertPublication.of(open, new AlertClosed("a1", S1, T1), open).orElseThrow());
        assertEquals(new AcknowledgePage("a1", null, "pagerduty", "alertmanager-v2", T1), AlertPublication.of(open,
                new AlertAcknowledged("a1", S1, "pagerduty", true, T1), open).orElseThrow());

        // A held ticket is published when it is released, with the time of its release.
        AlertRow heldRow = state(List.of(opened("a1", S0, HOLD, T0)));
        assertTrue(AlertPublication.of(null, opened("a1", S0, HOLD, T0), heldRow).isEmpty());
        AlertReleased release = new AlertReleased("a1", "business hours began", Disposition.PUBLISHED, null, null,
                null, MORNING);
        AlertTriggered released = (AlertTriggered) AlertPublication.of(heldRow, release, Alert.apply(heldRow, release))
                .orElseThrow();
        assertEquals(MORNING, released.triggeredAt());
        assertEquals(Urgency.TICKET, released.urgency());
        // Nobody heard of an alert that was never published, so nobody hears it resolve.
        assertTrue(AlertPublication.of(heldRow, new AlertClosed("a1", S1, T1), heldRow).isEmpty());
    }

    private static AlertRow state(List<AlertDomainEvent> events) {
        AlertRow state = null;
        for (AlertDomainEvent event : events) {
            state = Alert.apply(state, event);
        }
        return state;
    }
}
