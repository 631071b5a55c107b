package dev.tocsin.incident.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.events.EventType;
import dev.tocsin.events.EventTypes;
import dev.tocsin.events.IntegrationEvent;
import dev.tocsin.events.Topics;
import dev.tocsin.events.alert.AlertGroupUpdated;
import dev.tocsin.events.alert.AlertResolved;
import dev.tocsin.events.alert.AlertTriggered;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.events.delivery.Channel;
import dev.tocsin.events.delivery.DeliveryDelivered;
import dev.tocsin.events.delivery.DeliveryFailed;
import dev.tocsin.events.delivery.DeliveryQueued;
import dev.tocsin.events.delivery.DeliverySent;
import dev.tocsin.events.notify.NotifyRequested;
import dev.tocsin.events.page.PageAcknowledged;
import dev.tocsin.events.page.PageAcknowledgementExpired;
import dev.tocsin.events.page.PageEscalated;
import dev.tocsin.events.page.PageExhausted;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.events.page.PageReassigned;
import dev.tocsin.events.page.PageRenotified;
import dev.tocsin.events.page.PageResolved;
import dev.tocsin.events.page.PageSnoozed;
import dev.tocsin.events.signal.AlertSignalReceived;
import dev.tocsin.events.signal.SignalAction;
import dev.tocsin.incident.timeline.entries.AlertEntries;
import dev.tocsin.incident.timeline.entries.DeliveryEntries;
import dev.tocsin.incident.timeline.entries.NotifyEntries;
import dev.tocsin.incident.timeline.entries.PageEntries;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Given a consumed event, the timeline entry a responder reads. */
class EntryMappersTest {

    static final Instant T = Instant.parse("2025-03-01T09:00:00Z");
    static final String ALERT = "alert-1";
    static final String PAGE = "page-1";
    static final Set<String> CONSUMED = Set.of(Topics.ALERTS, Topics.PAGES, Topics.NOTIFY_REQUESTS, Topics.NOTIFICATIONS);

    final EntryMappers mappers = new EntryMappers(
            List.of(new AlertEntries(), new PageEntries(), new NotifyEntries(), new DeliveryEntries()));

    static Stream<Arguments> cases() {
        return Stream.of(
                // The headline of every timeline: where, what, and why someone was woken.
                Arguments.of(triggered(Urgency.PAGE, "paged: severity critical"),
                        new TimelineEntry("alert.triggered", T, ALERT, null,
                                "Alert triggered on checkout: Checkout error rate 12% (paged: severity critical)")),
                // Without a reason the urgency stands alone rather than trailing a colon.
                Arguments.of(triggered(Urgency.TICKET, " "),
                        new TimelineEntry("alert.triggered", T, ALERT, null,
                                "Alert triggered on checkout: Checkout error rate 12% (ticket)")),
                // A storm's grouped page tells how far the storm has grown and how much of it still fires.
                Arguments.of(new AlertGroupUpdated(ALERT, "checkout", "12 alerts firing on checkout", 12, 11,
                        T.plusSeconds(30)), new TimelineEntry("alert.group-updated", T.plusSeconds(30), ALERT, null,
                                "Storm on checkout: 12 alerts joined, 11 still firing")),
                // Escalated by hand: who did, and from where, since nobody waited for the deadline.
                Arguments.of(new PageEscalated(PAGE, ALERT, 2, 1, List.of("bob"), T.plusSeconds(60), "person:alice", "api"),
                        new TimelineEntry("page.escalated", T.plusSeconds(60), ALERT, PAGE,
                                "Escalated to step 2 by person:alice via api: notifying bob")),
                // Resolved by a responder rather than by its alert.
                Arguments.of(new PageResolved(PAGE, ALERT, T.plusSeconds(700), "person:bob", null),
                        new TimelineEntry("page.resolved", T.plusSeconds(700), ALERT, PAGE,
                                "Page resolved by person:bob: nobody further is notified")),
                // Resolution is what lets responders stand down.
                Arguments.of(new AlertResolved(ALERT, "dedup-1", "checkout", T.plusSeconds(600)),
                        new TimelineEntry("alert.resolved", T.plusSeconds(600), ALERT, null, "Alert resolved on checkout")),
                // Which policy ran is the first question when the wrong person was paged.
                Arguments.of(new PageOpened(PAGE, ALERT, "checkout", "checkout-policy", "Checkout error rate 12%", T.plusSeconds(1)),
                        new TimelineEntry("page.opened", T.plusSeconds(1), ALERT, PAGE, "Page opened by policy checkout-policy")),
                // An escalation names everyone the new step reaches.
                Arguments.of(new PageEscalated(PAGE, ALERT, 2, 1, List.of("bob", "carol"), T.plusSeconds(300)),
                        new TimelineEntry("page.escalated", T.plusSeconds(300), ALERT, PAGE,
                                "Escalated to step 2: notifying bob and carol")),
                // A repeat of the policy must read differently from its first pass.
                Arguments.of(new PageEscalated(PAGE, ALERT, 1, 2, List.of("alice"), T.plusSeconds(900)),
                        new TimelineEntry("page.escalated", T.plusSeconds(900), ALERT, PAGE,
                                "Escalated to step 1 (round 2): notifying alice")),
                // Who took the page and through what: the answer to "is anyone on this?".
                Arguments.of(new PageAcknowledged(PAGE, ALERT, "alice", "pagerduty-events-v2", T.plusSeconds(120)),
                        new TimelineEntry("page.acknowledged", T.plusSeconds(120), ALERT, PAGE,
                                "Page acknowledged by alice via pagerduty-events-v2")),
                // A source that names nobody still tells where the acknowledgement came from.
                Arguments.of(new PageAcknowledged(PAGE, ALERT, null, "pagerduty-events-v2", T.plusSeconds(120)),
                        new TimelineEntry("page.acknowledged", T.plusSeconds(120), ALERT, PAGE,
                                "Page acknowledged via pagerduty-events-v2")),
                // Exhaustion means nobody is coming; the timeline must say so plainly.
                Arguments.of(new PageExhausted(PAGE, ALERT, T.plusSeconds(1800)),
                        new TimelineEntry("page.exhausted", T.plusSeconds(1800), ALERT, PAGE,
                                "Escalation policy exhausted: nobody acknowledged, nobody else will be notified")),
                // Its alert resolved or a responder closed it; either way nobody is coming any more.
                Arguments.of(new PageResolved(PAGE, ALERT, T.plusSeconds(600)),
                        new TimelineEntry("page.resolved", T.plusSeconds(600), ALERT, PAGE,
                                "Page resolved: nobody further is notified")),
                // A snooze explains the silence that follows, and when it ends.
                Arguments.of(new PageSnoozed(PAGE, ALERT, T.plusSeconds(3720), "alice", "api", T.plusSeconds(120)),
                        new TimelineEntry("page.snoozed", T.plusSeconds(120), ALERT, PAGE,
                                "Page snoozed until 2025-03-01T10:02:00Z by alice via api")),
                // The page coming back after the snooze must say why the same people are paged again.
                Arguments.of(new PageRenotified(PAGE, ALERT, 1, 1, List.of("alice"), T.plusSeconds(3720)),
                        new TimelineEntry("page.renotified", T.plusSeconds(3720), ALERT, PAGE,
                                "Snooze over, the alert still fires: notifying alice again")),
                // An old acknowledgement running out must say why step 1 is paged again.
                Arguments.of(new PageAcknowledgementExpired(PAGE, ALERT, 1, 1, List.of("alice"), T.plusSeconds(14400)),
                        new TimelineEntry("page.acknowledgement-expired", T.plusSeconds(14400), ALERT, PAGE,
                                "Acknowledgement expired, the alert still fires: notifying alice again from step 1")),
                // A hand-over names the new holder and who handed it over.
                Arguments.of(new PageReassigned(PAGE, ALERT, "checkout-policy", "carol", 1, 1, List.of("carol"),
                                "alice", "api", T.plusSeconds(130)),
                        new TimelineEntry("page.reassigned", T.plusSeconds(130), ALERT, PAGE,
                                "Page reassigned to carol by alice via api")),
                Arguments.of(new PageReassigned(PAGE, ALERT, "payments-policy", null, 1, 1, List.of("dave", "erin"),
                                "alice", "api", T.plusSeconds(130)),
                        new TimelineEntry("page.reassigned", T.plusSeconds(130), ALERT, PAGE,
                                "Page reassigned to policy payments-policy: notifying dave and erin by alice via api")),
                // Who was asked for, and at which step, before any channel reached them.
                Arguments.of(new NotifyRequested("req-1", PAGE, ALERT, "alice", 1, "checkout", "Checkout error rate 12%",
                                "critical", Map.of(), T.plusSeconds(2)),
                        new TimelineEntry("notify.requested", T.plusSeconds(2), ALERT, PAGE, "Notified alice (step 1)")),
                // Told for a reason of its own: the policy ran out and carol is the fallback contact.
                Arguments.of(new NotifyRequested("req-2", PAGE, ALERT, "carol", 2, "checkout", "Checkout error rate 12%",
                                "critical", Map.of(), T.plusSeconds(900), "the policy ran out, and you are the fallback contact"),
                        new TimelineEntry("notify.requested", T.plusSeconds(900), ALERT, PAGE,
                                "Notified carol: the policy ran out, and you are the fallback contact")),
                // Deliveries know only their page: the entry has no alert id and joins through the page.
                Arguments.of(sent(1), new TimelineEntry("delivery.sent", T.plusSeconds(5), null, PAGE,
                        "Email sent to alice@example.com")),
                // A success after retries shows how long the person was unreachable.
                Arguments.of(sent(3), new TimelineEntry("delivery.sent", T.plusSeconds(5), null, PAGE,
                        "Email sent to alice@example.com (attempt 3)")),
                // A failed attempt says why and when the next one comes, to the second.
                Arguments.of(failed(2, Instant.parse("2025-03-01T09:01:30.123456Z")),
                        new TimelineEntry("delivery.failed", T.plusSeconds(4), null, PAGE,
                                "Email to alice failed: 421 4.7.0 Try again later (retry at 2025-03-01T09:01:30Z)")),
                // The last attempt: nothing more will be tried on this channel.
                Arguments.of(failed(5, null),
                        new TimelineEntry("delivery.failed", T.plusSeconds(4), null, PAGE,
                                "Email to alice failed: 421 4.7.0 Try again later (attempt 5, giving up)")),
                // Queued by the person's notification rules: when it is due, if that is not at once.
                Arguments.of(new DeliveryQueued("d-2", "req-1", PAGE, "alice", Channel.SMS, T.plusSeconds(62),
                        T.plusSeconds(2)), new TimelineEntry("delivery.queued", T.plusSeconds(2), null, PAGE,
                                "SMS to alice due at 2025-03-01T09:01:02Z by their notification rules")),
                Arguments.of(new DeliveryQueued("d-1", "req-1", PAGE, "alice", Channel.EMAIL, T.plusSeconds(2),
                        T.plusSeconds(2)), new TimelineEntry("delivery.queued", T.plusSeconds(2), null, PAGE,
                                "Email to alice queued")),
                Arguments.of(new DeliveryDelivered("d-2", "req-1", PAGE, "alice", Channel.SMS, T.plusSeconds(65)),
                        new TimelineEntry("delivery.delivered", T.plusSeconds(65), null, PAGE, "SMS to alice delivered")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void eventBecomesEntry(IntegrationEvent event, TimelineEntry expected) {
        assertEquals(expected, mappers.entryFor(event).orElseThrow());
    }

    @Test
    void everyEventOnTheConsumedTopicsHasACase() {
        // A new event on a consumed topic must get a case above, which fails until it has a mapping.
        Set<Class<?>> consumed = EventTypes.ALL.stream().filter(type -> CONSUMED.contains(type.topic()))
                .map(EventType::recordType).collect(Collectors.toSet());
        Set<Class<?>> covered = cases().map(args -> args.get()[0].getClass()).collect(Collectors.toSet());
        assertEquals(consumed, covered);
    }

    @Test
    void eventsOfOtherTopicsLeaveNoEntry() {
        // alert-ingest's internal signals are not part of any page's story.
        AlertSignalReceived signal = new AlertSignalReceived(UUID.randomUUID(), "dedup-1", SignalAction.TRIGGER,
                "checkout", "Checkout error rate 12%", "critical", Map.of(), Map.of(), T, null, null, "alertmanager-v2", T);
        assertTrue(mappers.entryFor(signal).isEmpty());
    }

    static AlertTriggered triggered(Urgency urgency, String reason) {
        return new AlertTriggered(ALERT, "dedup-1", "checkout", "Checkout error rate 12%", "critical", urgency, reason,
                Map.of("service", "checkout"), Map.of(), T, null, "alertmanager-v2", T);
    }

    static DeliverySent sent(int attempt) {
        return new DeliverySent("delivery-1", "req-1", PAGE, "alice", Channel.EMAIL, "alice@example.com", attempt,
                T.plusSeconds(5));
    }

    static DeliveryFailed failed(int attempt, Instant next) {
        return new DeliveryFailed("delivery-1", "req-1", PAGE, "alice", Channel.EMAIL, attempt,
                "421 4.7.0 Try again later", next, T.plusSeconds(4));
    }
}
