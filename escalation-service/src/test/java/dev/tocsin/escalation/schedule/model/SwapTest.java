package dev.tocsin.escalation.schedule.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.escalation.schedule.model.SwapCommand.AcceptSwap;
import dev.tocsin.escalation.schedule.model.SwapCommand.CancelSwap;
import dev.tocsin.escalation.schedule.model.SwapCommand.DeclineSwap;
import dev.tocsin.escalation.schedule.model.SwapCommand.RequestSwap;
import dev.tocsin.escalation.schedule.model.SwapEvent.SwapAccepted;
import dev.tocsin.escalation.schedule.model.SwapEvent.SwapCancelled;
import dev.tocsin.escalation.schedule.model.SwapEvent.SwapDeclined;
import dev.tocsin.escalation.schedule.model.SwapEvent.SwapRequested;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The swap aggregate, given these events, when this command, then these events or this refusal. */
class SwapTest {

    private static final TimeRange JANUARY = TimeRange.of("2026-01-05T09:00Z", "2026-01-26T09:00Z");
    private static final SwapRequested REQUESTED = new SwapRequested("s1", "ann", "cat", JANUARY, Target.ALL);

    private static List<SwapEvent> when(List<SwapEvent> given, SwapCommand command) {
        return Swap.decide(Swap.replay(given), command);
    }

    private static String refused(List<SwapEvent> given, SwapCommand command) {
        return assertThrows(Swap.Rejected.class, () -> when(given, command)).getMessage();
    }

    @Test
    void aRequestStartsASwapAwaitingTheCounterpart() {
        assertEquals(List.of(REQUESTED), when(List.of(), new RequestSwap("s1", "ann", "cat", JANUARY, Target.ALL)));
        assertEquals(Swap.Status.REQUESTED, Swap.replay(List.of(REQUESTED)).status());
    }

    @Test
    void onlyTheCounterpartAcceptsOrDeclines() {
        assertEquals(List.of(new SwapAccepted("s1", "cat")), when(List.of(REQUESTED), new AcceptSwap("s1", "cat")));
        assertEquals(List.of(new SwapDeclined("s1", "cat")), when(List.of(REQUESTED), new DeclineSwap("s1", "cat")));
        // Asking for a trade must not let the asker settle it alone.
        assertTrue(refused(List.of(REQUESTED), new AcceptSwap("s1", "ann")).contains("only cat can accept"));
        assertTrue(refused(List.of(REQUESTED), new DeclineSwap("s1", "bob")).contains("only cat can decline"));
    }

    @Test
    void anAnsweredSwapCannotBeAnsweredAgain() {
        // A declined swap accepted later would silently move shifts the requester thinks are back.
        List<SwapEvent> declined = List.of(REQUESTED, new SwapDeclined("s1", "cat"));
        assertTrue(refused(declined, new AcceptSwap("s1", "cat")).contains("is DECLINED"));
        List<SwapEvent> accepted = List.of(REQUESTED, new SwapAccepted("s1", "cat"));
        assertTrue(refused(accepted, new DeclineSwap("s1", "cat")).contains("is ACCEPTED"));
    }

    @Test
    void theRequesterWithdrawsAndEitherCallsOffAnAcceptedSwap() {
        assertEquals(List.of(new SwapCancelled("s1", "ann")), when(List.of(REQUESTED), new CancelSwap("s1", "ann")));
        // The counterpart answers a request by declining it, not by cancelling it.
        assertTrue(refused(List.of(REQUESTED), new CancelSwap("s1", "cat")).contains("cannot cancel"));
        List<SwapEvent> accepted = List.of(REQUESTED, new SwapAccepted("s1", "cat"));
        assertEquals(List.of(new SwapCancelled("s1", "cat")), when(accepted, new CancelSwap("s1", "cat")));
        // A third person cannot undo a trade between two others.
        assertTrue(refused(accepted, new CancelSwap("s1", "bob")).contains("cannot cancel"));
    }

    @Test
    void requestsThatMakeNoSenseAreRefused() {
        assertTrue(refused(List.of(REQUESTED), new RequestSwap("s1", "ann", "cat", JANUARY, Target.ALL))
                .contains("already exists"));
        assertTrue(refused(List.of(), new RequestSwap("s2", "ann", "ann", JANUARY, Target.ALL))
                .contains("two different people"));
        assertTrue(refused(List.of(), new AcceptSwap("s3", "cat")).contains("no swap s3"));
    }
}
