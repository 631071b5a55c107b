package dev.tocsin.escalation.schedule.model;

/** What happened to a swap; a swap's state is these events applied in order. */
public sealed interface SwapEvent {

    String swapId();

    record SwapRequested(String swapId, String requester, String counterpart, TimeRange range, Target target)
            implements SwapEvent {
    }

    record SwapAccepted(String swapId, String by) implements SwapEvent {
    }

    record SwapDeclined(String swapId, String by) implements SwapEvent {
    }

    record SwapCancelled(String swapId, String by) implements SwapEvent {
    }
}
