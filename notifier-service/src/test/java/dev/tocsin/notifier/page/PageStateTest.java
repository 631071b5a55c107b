package dev.tocsin.notifier.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.events.page.PageAcknowledged;
import dev.tocsin.events.page.PageAcknowledgementExpired;
import dev.tocsin.events.page.PageEscalated;
import dev.tocsin.events.page.PageEvent;
import dev.tocsin.events.page.PageExhausted;
import dev.tocsin.events.page.PageOpened;
import dev.tocsin.events.page.PageReassigned;
import dev.tocsin.events.page.PageRenotified;
import dev.tocsin.events.page.PageResolved;
import dev.tocsin.events.page.PageSnoozed;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The page state notifier-service folds from {@code tocsin.pages}: given these events, then this status and reason. */
class PageStateTest {

    static final Instant T0 = Instant.parse("2026-03-01T03:00:00Z");
    static final PageOpened OPENED = new PageOpened("p-1", "a-1", "checkout", "default", "errors", T0);
    static final PageEscalated ESCALATED = new PageEscalated("p-1", "a-1", 2, 1, List.of("bob"), T0.plusSeconds(300));
    static final PageAcknowledged ACKED = new PageAcknowledged("p-1", "a-1", "bob", "web", T0.plusSeconds(400));
    static final PageResolved RESOLVED = new PageResolved("p-1", "a-1", T0.plusSeconds(500));
    static final PageExhausted EXHAUSTED = new PageExhausted("p-1", "a-1", T0.plusSeconds(600));
    static final PageSnoozed SNOOZED = new PageSnoozed("p-1", "a-1", T0.plusSeconds(4000), "carol", "api",
            T0.plusSeconds(450));
    static final PageRenotified RENOTIFIED = new PageRenotified("p-1", "a-1", 2, 1, List.of("bob"),
            T0.plusSeconds(4000));
    static final PageAcknowledgementExpired ACK_EXPIRED = new PageAcknowledgementExpired("p-1", "a-1", 1, 1,
            List.of("alice"), T0.plusSeconds(14800));
    static final PageReassigned REASSIGNED = new PageReassigned("p-1", "a-1", null, "dave", 2, 1, List.of("dave"),
            "carol", "api", T0.plusSeconds(700));
    static final PageEscalated ESCALATED_AGAIN = new PageEscalated("p-1", "a-1", 3, 1, List.of("erin"),
            T0.plusSeconds(800));

    static Stream<Arguments> histories() {
        return Stream.of(
                // Escalating changes who is asked, not whether anyone still is.
                Arguments.of(List.of(OPENED, ESCALATED), PageStatus.OPEN, null),
                // Those already notified are still wanted while nobody has taken the page.
                Arguments.of(List.of(OPENED, EXHAUSTED), PageStatus.EXHAUSTED, null),
                Arguments.of(List.of(OPENED, ACKED), PageStatus.ACKNOWLEDGED, "page acknowledged by bob"),
                // An acknowledgement after the policy ran out still closes the page.
                Arguments.of(List.of(OPENED, EXHAUSTED, ACKED), PageStatus.ACKNOWLEDGED, "page acknowledged by bob"),
                Arguments.of(List.of(OPENED, ACKED, RESOLVED), PageStatus.RESOLVED, "page resolved"),
                // A page event may reach notifier-service before its PageOpened was ever seen (a new consumer).
                Arguments.of(List.of(RESOLVED), PageStatus.RESOLVED, "page resolved"),
                // Running out or a repeated opening does not reopen an acknowledged page.
                Arguments.of(List.of(OPENED, ACKED, EXHAUSTED, OPENED), PageStatus.ACKNOWLEDGED,
                        "page acknowledged by bob"),
                // Someone escalates or reassigns an acknowledged page: those it names are wanted again.
                Arguments.of(List.of(OPENED, ACKED, ESCALATED_AGAIN), PageStatus.OPEN, null),
                Arguments.of(List.of(OPENED, ACKED, REASSIGNED), PageStatus.OPEN, null),
                // A snooze holds notifications until escalation-service notifies again when it ends.
                Arguments.of(List.of(OPENED, SNOOZED), PageStatus.SNOOZED, "page snoozed by carol"),
                Arguments.of(List.of(OPENED, SNOOZED, RENOTIFIED), PageStatus.OPEN, null),
                Arguments.of(List.of(OPENED, SNOOZED, ACKED), PageStatus.ACKNOWLEDGED, "page acknowledged by bob"),
                // An acknowledgement that ran out while the alert fires pages step 1 again: those are wanted.
                Arguments.of(List.of(OPENED, ACKED, ACK_EXPIRED), PageStatus.OPEN, null),
                // Resolved is for good: nothing reopens it.
                Arguments.of(List.of(OPENED, ACKED, RESOLVED, ACK_EXPIRED), PageStatus.RESOLVED, "page resolved"),
                Arguments.of(List.of(OPENED, RESOLVED, REASSIGNED, RENOTIFIED), PageStatus.RESOLVED, "page resolved"),
                Arguments.of(List.of(OPENED, RESOLVED, ACKED), PageStatus.RESOLVED, "page resolved"),
                // An acknowledgement without a name still closes the page, and says so.
                Arguments.of(List.of(new PageAcknowledged("p-1", "a-1", null, "api", T0)), PageStatus.ACKNOWLEDGED,
                        "page acknowledged"));
    }

    @ParameterizedTest
    @MethodSource("histories")
    void foldsToTheStatusAndReason(List<PageEvent> events, PageStatus status, String reason) {
        PageState state = null;
        for (PageEvent event : events) {
            state = PageState.apply(state, event);
        }
        assertEquals(status, state.status());
        assertEquals(Optional.ofNullable(reason), state.closedReason());
    }

    @ParameterizedTest
    @MethodSource("histories")
    void aRedeliveredEventChangesNothing(List<PageEvent> events, PageStatus status, String reason) {
        PageState once = null;
        PageState twice = null;
        for (PageEvent event : events) {
            once = PageState.apply(once, event);
            twice = PageState.apply(PageState.apply(twice, event), event);
        }
        assertEquals(once, twice);
    }

    @Test
    void aRequestMadeAfterTheClosingIsJudgedByTheReopeningNotReadYet() {
        PageState acked = PageState.apply(PageState.apply(null, OPENED), ACKED);
        // Requested before the acknowledgement: not sent.
        assertEquals(Optional.of("page acknowledged by bob"), acked.closedReasonFor(ESCALATED.escalatedAt()));
        assertEquals(Optional.of("page acknowledged by bob"), acked.closedReasonFor(ACKED.acknowledgedAt()));
        // Requested after it: an escalation or reassignment this service has not read yet; sent.
        assertEquals(Optional.empty(), acked.closedReasonFor(REASSIGNED.reassignedAt()));
        PageState resolved = PageState.apply(acked, RESOLVED);
        assertEquals(Optional.of("page resolved"), resolved.closedReasonFor(T0.plusSeconds(9999)));
    }
}
