package dev.tocsin.escalation.schedule.model;

/** What people ask of a swap. {@code by} is the person asking; the clock stays outside. */
public sealed interface SwapCommand {

    String swapId();

    /** {@code requester} offers {@code counterpart} to trade their shifts in {@code range} on {@code target}. */
    record RequestSwap(String swapId, String requester, String counterpart, TimeRange range, Target target)
            implements SwapCommand {
    }

    record AcceptSwap(String swapId, String by) implements SwapCommand {
    }

    record DeclineSwap(String swapId, String by) implements SwapCommand {
    }

    /** The requester withdraws a request, or either person calls off an accepted swap. */
    record CancelSwap(String swapId, String by) implements SwapCommand {
    }
}
