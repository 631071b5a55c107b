package dev.tocsin.notifier.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.events.delivery.Channel;
import dev.tocsin.events.delivery.DeliveryFailed;
import dev.tocsin.events.delivery.DeliveryQueued;
import dev.tocsin.events.delivery.DeliverySent;
import dev.tocsin.notifier.channel.Notification;
import dev.tocsin.notifier.delivery.DeliveryCommand.Cancel;
import dev.tocsin.notifier.delivery.DeliveryCommand.Hold;
import dev.tocsin.notifier.delivery.DeliveryCommand.RecordFailure;
import dev.tocsin.notifier.delivery.DeliveryCommand.RecordNotSent;
import dev.tocsin.notifier.delivery.DeliveryCommand.RecordSent;
import dev.tocsin.notifier.delivery.DeliveryCommand.RecordUnreachable;
import dev.tocsin.notifier.delivery.DeliveryCommand.RequestDelivery;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryAbandoned;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryAttemptFailed;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryCancelled;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryConfirmed;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryHeld;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryRequested;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliverySucceeded;
import dev.tocsin.notifier.delivery.DeliveryDomainEvent.DeliveryUndelivered;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Delivery aggregate, given/when/then: given these events, when this command, then these events. */
class DeliveryTest {

    static final String ID = "d-1";
    static final Instant T0 = Instant.parse("2026-03-01T03:00:00Z");
    static final Instant T1 = T0.plusSeconds(5);
    static final RetryPolicy POLICY = new RetryPolicy(5, Duration.ofSeconds(30), Duration.ofMinutes(10));
    static final Notification NOTIFICATION = new Notification("req-1", "page-1", "alert-1", "alice", 1, "checkout",
            "Checkout error rate 12%", "critical", Map.of("team", "payments"), T0);
    static final DeliveryRequested REQUESTED =
            new DeliveryRequested(ID, NOTIFICATION, "work", Channel.EMAIL, "alice@example.com", T0, T0);

    static List<DeliveryDomainEvent> when(List<DeliveryDomainEvent> given, DeliveryCommand command) {
        return Delivery.replay(ID, given).decide(command, POLICY);
    }

    static DeliveryAttemptFailed failed(int attempt, Instant next) {
        return new DeliveryAttemptFailed(ID, attempt, "SMTP relay unreachable: Connection refused", true, next, T0);
    }

    @Test
    void aRequestOpensTheDelivery() {
        List<DeliveryDomainEvent> then = when(List.of(),
                new RequestDelivery(ID, NOTIFICATION, "work", Channel.EMAIL, "alice@example.com", T0, T0));

        assertEquals(List.of(REQUESTED), then);
        Delivery state = Delivery.replay(ID, then);
        assertEquals(DeliveryStatus.PENDING, state.status());
        assertEquals(T0, state.nextAttemptAt());
    }

    @Test
    void aRepeatedRequestChangesNothing() {
        // A redelivered or republished notify request must not email the person a second time.
        assertEquals(List.of(), when(List.of(REQUESTED),
                new RequestDelivery(ID, NOTIFICATION, "work", Channel.EMAIL, "alice@example.com", T1, T1)));
    }

    @Test
    void aPersonWithoutContactMethodIsAbandonedAtOnceWithTheReason() {
        List<DeliveryDomainEvent> then = when(List.of(),
                new RecordUnreachable(ID, NOTIFICATION, "no contact method for alice", T0));

        assertEquals(List.of(new DeliveryRequested(ID, NOTIFICATION, null, null, null, T0, null),
                new DeliveryAbandoned(ID, 0, "no contact method for alice", T0)), then);
        Delivery state = Delivery.replay(ID, then);
        assertEquals(DeliveryStatus.ABANDONED, state.status());
        assertEquals("no contact method for alice", state.lastError());
    }

    @Test
    void aPendingDeliveryIsHeldForTheStormsBundleOnceAndTheBundlesSendEndsIt() {
        Instant until = T0.plusSeconds(30);
        Instant fallback = T0.plusSeconds(60);
        List<DeliveryDomainEvent> held = when(List.of(REQUESTED), new Hold(until, fallback, T1));

        assertEquals(List.of(new DeliveryHeld(ID, until, fallback, T1)), held);
        Delivery state = Delivery.replay(ID, concat(List.of(REQUESTED), held));
        assertEquals(DeliveryStatus.HELD, state.status());
        assertTrue(state.status().open());
        assertEquals(fallback, state.nextAttemptAt());
        // Held once only: at its fallback it is sent alone, not held again.
        assertEquals(List.of(), when(concat(List.of(REQUESTED), held), new Hold(until, fallback, T1)));
        assertEquals(List.of(new DeliverySucceeded(ID, 1, until)),
                when(concat(List.of(REQUESTED), held), new RecordSent(until)));
        // A page closing meanwhile cancels it like any delivery still to send.
        assertEquals(List.of(new DeliveryCancelled(ID, 0, "page acknowledged by bob", T1)),
                when(concat(List.of(REQUESTED), held), new Cancel("page acknowledged by bob", T1)));
        // Only a delivery not yet attempted is held: a retry goes at its own time.
        assertEquals(List.of(), when(List.of(REQUESTED, failed(1, T0.plusSeconds(30))), new Hold(until, fallback, T1)));
    }

    @Test
    void aSuccessfulFirstAttemptIsAttemptOne() {
        assertEquals(List.of(new DeliverySucceeded(ID, 1, T1)), when(List.of(REQUESTED), new RecordSent(T1)));
    }

    @Test
    void aSuccessAfterAFailureCountsBothAttempts() {
        assertEquals(List.of(new DeliverySucceeded(ID, 2, T1)),
                when(List.of(REQUESTED, failed(1, T0.plusSeconds(30))), new RecordSent(T1)));
    }

    @Test
    void aRecoverableFailureSchedulesTheNextAttemptByThePolicy() {
        List<DeliveryDomainEvent> then = when(List.of(REQUESTED), new RecordFailure("connection refused", true, T1));

        assertEquals(List.of(new DeliveryAttemptFailed(ID, 1, "connection refused", true, T1.plusSeconds(30), T1)),
                then);
        Delivery state = Delivery.replay(ID, Stream.concat(Stream.of(REQUESTED), then.stream()).toList());
        assertEquals(DeliveryStatus.FAILED, state.status());
        assertEquals(1, state.attempts());
        assertEquals(T1.plusSeconds(30), state.nextAttemptAt());
    }

    @Test
    void theLastAllowedAttemptFailingAbandonsTheDelivery() {
        List<DeliveryDomainEvent> given = List.of(REQUESTED, failed(1, T0), failed(2, T0), failed(3, T0), failed(4, T0));

        List<DeliveryDomainEvent> then = when(given, new RecordFailure("connection refused", true, T1));

        assertEquals(List.of(new DeliveryAttemptFailed(ID, 5, "connection refused", true, null, T1),
                new DeliveryAbandoned(ID, 5, "gave up after 5 attempts: connection refused", T1)), then);
    }

    @Test
    void aPermanentFailureAbandonsAtOnce() {
        // Retrying a non-existent mailbox only delays telling anyone that the person was not reached.
        List<DeliveryDomainEvent> then = when(List.of(REQUESTED), new RecordFailure("550 no such user", false, T1));

        assertEquals(List.of(new DeliveryAttemptFailed(ID, 1, "550 no such user", false, null, T1),
                new DeliveryAbandoned(ID, 1, "permanent failure: 550 no such user", T1)), then);
    }

    static Stream<Arguments> closedDeliveries() {
        DeliverySucceeded sent = new DeliverySucceeded(ID, 1, T0);
        DeliveryAbandoned abandoned = new DeliveryAbandoned(ID, 1, "permanent failure", T0);
        return Stream.of(
                // A deadline fired twice after a success must not record a second send.
                Arguments.of(List.of(REQUESTED, sent), new RecordSent(T1)),
                // A late failure must not reopen a delivery the person already got.
                Arguments.of(List.of(REQUESTED, sent), new RecordFailure("timeout", true, T1)),
                // An abandoned delivery stays abandoned: its DeliveryFailed already said no retry follows.
                Arguments.of(List.of(REQUESTED, abandoned), new RecordSent(T1)),
                Arguments.of(List.of(REQUESTED, abandoned), new RecordFailure("timeout", true, T1)));
    }

    @ParameterizedTest
    @MethodSource("closedDeliveries")
    void aClosedDeliveryIgnoresLateResults(List<DeliveryDomainEvent> given, DeliveryCommand command) {
        assertEquals(List.of(), when(given, command));
    }

    @Test
    void anAttemptOnADeliveryNeverRequestedIsABug() {
        assertThrows(IllegalStateException.class, () -> when(List.of(), new RecordSent(T1)));
    }

    @Test
    void eachAttemptIsPublishedOnce() {
        // Other services see every attempt's outcome once: a retried failure with its next attempt,
        // the final one without, and the request as queued for when its first attempt is due.
        Delivery requested = Delivery.replay(ID, List.of(REQUESTED));
        DeliveryAttemptFailed retried = failed(1, T1);
        DeliveryAttemptFailed last = failed(2, null);
        DeliveryAbandoned abandoned = new DeliveryAbandoned(ID, 2, "gave up", T1);

        assertEquals(new DeliveryQueued(ID, "req-1", "page-1", "alice", Channel.EMAIL, T0, T0),
                DeliveryNotifications.of(requested, REQUESTED).orElseThrow());
        assertEquals(new DeliveryFailed(ID, "req-1", "page-1", "alice", Channel.EMAIL, 1, retried.error(), T1, T0),
                DeliveryNotifications.of(requested.apply(retried), retried).orElseThrow());
        assertEquals(List.of(), DeliveryNotifications.of(requested.apply(last), last).stream().toList());
        DeliveryFailed gaveUp = (DeliveryFailed) DeliveryNotifications.of(requested.apply(abandoned), abandoned)
                .orElseThrow();
        assertEquals(2, gaveUp.attempt());
        assertEquals("gave up", gaveUp.error());
        assertNull(gaveUp.nextAttemptAt());
        assertEquals(new DeliverySent(ID, "req-1", "page-1", "alice", Channel.EMAIL, "alice@example.com", 1, T1),
                DeliveryNotifications.of(requested, new DeliverySucceeded(ID, 1, T1)).orElseThrow());
    }

    static final String ACKED = "page acknowledged by bob";

    @Test
    void aPendingDeliveryIsCancelledWhenItsPageIsAcknowledged() {
        List<DeliveryDomainEvent> then = when(List.of(REQUESTED), new Cancel(ACKED, T1));

        assertEquals(List.of(new DeliveryCancelled(ID, 0, ACKED, T1)), then);
        Delivery state = Delivery.replay(ID, List.of(REQUESTED, then.get(0)));
        assertEquals(DeliveryStatus.CANCELLED, state.status());
        assertEquals(ACKED, state.cancelReason());
        assertNull(state.nextAttemptAt());
        assertTrue(!state.status().open(), "no attempt may follow a cancellation");
    }

    @Test
    void aDeliveryWaitingForItsRetryIsCancelledAndKeepsItsAttemptsAndError() {
        // The retry due after the acknowledgement is what must not email the person.
        List<DeliveryDomainEvent> given = List.of(REQUESTED, failed(1, T0.plusSeconds(30)));

        List<DeliveryDomainEvent> then = when(given, new Cancel("page resolved", T1));

        assertEquals(List.of(new DeliveryCancelled(ID, 1, "page resolved", T1)), then);
        Delivery state = Delivery.replay(ID, Stream.concat(given.stream(), then.stream()).toList());
        assertEquals(DeliveryStatus.CANCELLED, state.status());
        assertEquals(1, state.attempts());
        assertEquals("SMTP relay unreachable: Connection refused", state.lastError());
        assertNull(DeliveryRow.of(state).nextAttemptAt());
    }

    static Stream<Arguments> deliveriesACancelDoesNotChange() {
        return Stream.of(
                // A redelivered PageAcknowledged, or PageResolved after it, cancels nothing twice.
                Arguments.of(List.of(REQUESTED, new DeliveryCancelled(ID, 0, ACKED, T0))),
                // The person already got the message: the record of it stays as it is.
                Arguments.of(List.of(REQUESTED, new DeliverySucceeded(ID, 1, T0))),
                // An abandoned delivery keeps the reason it was given up for.
                Arguments.of(List.of(REQUESTED, new DeliveryAbandoned(ID, 1, "permanent failure", T0))));
    }

    @ParameterizedTest
    @MethodSource("deliveriesACancelDoesNotChange")
    void aClosedDeliveryIsNotCancelled(List<DeliveryDomainEvent> given) {
        assertEquals(List.of(), when(given, new Cancel("page resolved", T1)));
    }

    @Test
    void aDeliveryRequestedAfterThePageClosedIsNotCancelledByThatClosing() {
        // Escalated or reassigned after the acknowledgement, and requested before this service read
        // that: the acknowledgement read late must not cancel what came after it.
        Instant requested = NOTIFICATION.requestedAt();
        assertEquals(List.of(), when(List.of(REQUESTED), new Cancel(ACKED, T1, requested.minusSeconds(1))));
        assertEquals(List.of(new DeliveryCancelled(ID, 0, ACKED, T1)),
                when(List.of(REQUESTED), new Cancel(ACKED, T1, requested)));
    }

    @Test
    void cancellingADeliveryNeverRequestedIsABug() {
        assertThrows(IllegalStateException.class, () -> when(List.of(), new Cancel(ACKED, T1)));
    }

    @Test
    void aRequestForAClosedPageIsRecordedAsNotSentWithTheReason() {
        List<DeliveryDomainEvent> then = when(List.of(),
                new RecordNotSent(ID, NOTIFICATION, "work", Channel.EMAIL, "alice@example.com", ACKED, T0));

        assertEquals(List.of(new DeliveryRequested(ID, NOTIFICATION, "work", Channel.EMAIL, "alice@example.com", T0,
                null), new DeliveryCancelled(ID, 0, ACKED, T0)), then);
        Delivery state = Delivery.replay(ID, then);
        assertEquals(DeliveryStatus.CANCELLED, state.status());
        assertEquals(0, state.attempts());
        assertEquals(ACKED, state.cancelReason());
        // The same request again (redelivered) finds the decision made.
        assertEquals(List.of(), when(then,
                new RecordNotSent(ID, NOTIFICATION, "work", Channel.EMAIL, "alice@example.com", ACKED, T1)));
        assertEquals(List.of(), when(then,
                new RequestDelivery(ID, NOTIFICATION, "work", Channel.EMAIL, "alice@example.com", T1, T1)));
    }

    @Test
    void aSendInFlightWhenTheDeliveryWasCancelledIsStillRecorded() {
        // The provider took the message before the acknowledgement was recorded: the person got it,
        // and the record says so, with why nothing more followed.
        List<DeliveryDomainEvent> given = List.of(REQUESTED, new DeliveryCancelled(ID, 0, ACKED, T0));

        List<DeliveryDomainEvent> then = when(given, new RecordSent(T1));

        assertEquals(List.of(new DeliverySucceeded(ID, 1, T1)), then);
        Delivery state = Delivery.replay(ID, Stream.concat(given.stream(), then.stream()).toList());
        assertEquals(DeliveryStatus.SENT, state.status());
        assertEquals(ACKED, state.cancelReason());
    }

    @Test
    void aFailureInFlightWhenTheDeliveryWasCancelledIsRecordedWithoutARetry() {
        List<DeliveryDomainEvent> given = List.of(REQUESTED, failed(1, T0), new DeliveryCancelled(ID, 1, ACKED, T0));

        List<DeliveryDomainEvent> then = when(given, new RecordFailure("connection refused", true, T1));

        assertEquals(List.of(new DeliveryAttemptFailed(ID, 2, "connection refused", true, null, T1)), then);
        Delivery state = Delivery.replay(ID, Stream.concat(given.stream(), then.stream()).toList());
        assertEquals(DeliveryStatus.CANCELLED, state.status());
        assertEquals(2, state.attempts());
        assertNull(state.nextAttemptAt());
    }

    @Test
    void aCancellationIsPublishedOnlyWhereItWithdrawsAnAnnouncedRetry() {
        Delivery failedOnce = Delivery.replay(ID, List.of(REQUESTED, failed(1, T1)));
        DeliveryCancelled afterRetryAnnounced = new DeliveryCancelled(ID, 1, ACKED, T1);
        DeliveryCancelled beforeAnyAttempt = new DeliveryCancelled(ID, 0, ACKED, T1);

        // Others heard "retry at T": they now hear that none follows, and why.
        assertEquals(new DeliveryFailed(ID, "req-1", "page-1", "alice", Channel.EMAIL, 1, "cancelled: " + ACKED, null,
                T1), DeliveryNotifications.of(failedOnce.apply(afterRetryAnnounced), afterRetryAnnounced).orElseThrow());
        // Nobody heard of a delivery that made no attempt: a cancellation of it is not news.
        Delivery pending = Delivery.replay(ID, List.of(REQUESTED));
        assertEquals(List.of(), DeliveryNotifications.of(pending.apply(beforeAnyAttempt), beforeAnyAttempt).stream()
                .toList());
        // An attempt in flight at the cancellation is published once, without a retry.
        Delivery cancelled = pending.apply(beforeAnyAttempt);
        DeliveryAttemptFailed inFlight = new DeliveryAttemptFailed(ID, 1, "timeout", true, null, T1);
        assertEquals(new DeliveryFailed(ID, "req-1", "page-1", "alice", Channel.EMAIL, 1, "timeout", null, T1),
                DeliveryNotifications.of(cancelled.apply(inFlight), inFlight).orElseThrow());
    }

    @Test
    void deliveryIdsAreStablePerRequestAndContactMethod() {
        // The id is what makes a repeated request find its delivery instead of making a second one.
        assertEquals(DeliveryIds.of("req-1", "alice", "work"), DeliveryIds.of("req-1", "alice", "work"));
        assertNotEquals(DeliveryIds.of("req-1", "alice", "work"), DeliveryIds.of("req-1", "alice", "home"));
        assertNotEquals(DeliveryIds.of("req-1", "alice", "work"), DeliveryIds.of("req-2", "alice", "work"));
        assertNotEquals(DeliveryIds.unreachable("req-1", "alice"), DeliveryIds.of("req-1", "alice", ""));
    }

    @Test
    void aReportOnASentMessageConfirmsItOrSaysItNeverArrivedOnce() {
        List<DeliveryDomainEvent> sent = List.of(REQUESTED, new DeliverySucceeded(ID, 1, T1));

        assertEquals(List.of(new DeliveryConfirmed(ID, T1)), when(sent, new DeliveryCommand.RecordReport(true, null, T1)));
        List<DeliveryDomainEvent> undelivered = when(sent, new DeliveryCommand.RecordReport(false, "30003 unreachable", T1));
        assertEquals(List.of(new DeliveryUndelivered(ID, "30003 unreachable", T1)), undelivered);
        Delivery state = Delivery.replay(ID, concat(sent, undelivered));
        assertEquals(DeliveryStatus.UNDELIVERED, state.status());
        assertEquals("30003 unreachable", state.lastError());
        // A second report, or one about a message never sent, changes nothing.
        assertEquals(List.of(), when(concat(sent, undelivered), new DeliveryCommand.RecordReport(true, null, T1)));
        assertEquals(List.of(), when(List.of(REQUESTED), new DeliveryCommand.RecordReport(true, null, T1)));
    }

    private static List<DeliveryDomainEvent> concat(List<DeliveryDomainEvent> a, List<DeliveryDomainEvent> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
