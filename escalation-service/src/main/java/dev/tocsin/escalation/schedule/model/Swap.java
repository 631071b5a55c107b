package dev.tocsin.escalation.schedule.model;

import dev.tocsin.escalation.schedule.model.SwapCommand.AcceptSwap;
import dev.tocsin.escalation.schedule.model.SwapCommand.CancelSwap;
import dev.tocsin.escalation.schedule.model.SwapCommand.DeclineSwap;
import dev.tocsin.escalation.schedule.model.SwapCommand.RequestSwap;
import dev.tocsin.escalation.schedule.model.SwapEvent.SwapAccepted;
import dev.tocsin.escalation.schedule.model.SwapEvent.SwapCancelled;
import dev.tocsin.escalation.schedule.model.SwapEvent.SwapDeclined;
import dev.tocsin.escalation.schedule.model.SwapEvent.SwapRequested;
import java.util.List;
import java.util.Objects;

/**
 * Two people trading their shifts in a range. Only the counterpart accepts or declines; the
 * requester withdraws a request; either calls off an accepted swap. While accepted, every shift
 * of one of them in {@code range} on the target layers goes to the other, both ways, as an
 * override of each other's shifts would.
 */
public record Swap(String id, String requester, String counterpart, TimeRange range, Target target, Status status) {

    public enum Status {
        REQUESTED,
        ACCEPTED,
        DECLINED,
        CANCELLED
    }

    /** A command this swap's state does not allow; the message says why in words a person can read. */
    public static final class Rejected extends RuntimeException {
        public Rejected(String message) {
            super(message);
        }
    }

    public Swap {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
    }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }

    /** The events {@code command} causes on a swap that does not exist yet ({@code state} null) or does. */
    public static List<SwapEvent> decide(Swap state, SwapCommand command) {
        return switch (command) {
            case RequestSwap r -> {
                if (state != null) {
                    throw new Rejected("swap " + r.swapId() + " already exists");
                }
                if (r.requester().equals(r.counterpart())) {
                    throw new Rejected("a swap needs two different people");
                }
                yield List.of(new SwapRequested(r.swapId(), r.requester(), r.counterpart(), r.range(), r.target()));
            }
            case AcceptSwap a -> {
                answerable(state, a.swapId(), a.by(), "accept");
                yield List.of(new SwapAccepted(a.swapId(), a.by()));
            }
            case DeclineSwap d -> {
                answerable(state, d.swapId(), d.by(), "decline");
                yield List.of(new SwapDeclined(d.swapId(), d.by()));
            }
            case CancelSwap c -> {
                existing(state, c.swapId());
                boolean requesterWithdraws = state.status == Status.REQUESTED && c.by().equals(state.requester);
                boolean eitherCallsOff = state.status == Status.ACCEPTED
                        && (c.by().equals(state.requester) || c.by().equals(state.counterpart));
                if (!requesterWithdraws && !eitherCallsOff) {
                    throw new Rejected(c.by() + " cannot cancel swap " + c.swapId() + " while it is " + state.status);
                }
                yield List.of(new SwapCancelled(c.swapId(), c.by()));
            }
        };
    }

    /** The state after {@code event}; {@code state} is null before the first event. */
    public static Swap apply(Swap state, SwapEvent event) {
        return switch (event) {
            case SwapRequested r -> new Swap(r.swapId(), r.requester(), r.counterpart(), r.range(), r.target(),
                    Status.REQUESTED);
            case SwapAccepted a -> state.with(Status.ACCEPTED);
            case SwapDeclined d -> state.with(Status.DECLINED);
            case SwapCancelled c -> state.with(Status.CANCELLED);
        };
    }

    /** The state after all of {@code events}, in order. */
    public static Swap replay(List<SwapEvent> events) {
        Swap state = null;
        for (SwapEvent e : events) {
            state = apply(state, e);
        }
        return state;
    }

    private Swap with(Status next) {
        return new Swap(id, requester, counterpart, range, target, next);
    }

    private static void existing(Swap state, String swapId) {
        if (state == null) {
            throw new Rejected("no swap " + swapId);
        }
    }

    private static void answerable(Swap state, String swapId, String by, String verb) {
        existing(state, swapId);
        if (!by.equals(state.counterpart)) {
            throw new Rejected("only " + state.counterpart + " can " + verb + " swap " + swapId + ", not " + by);
        }
        if (state.status != Status.REQUESTED) {
            throw new Rejected("swap " + swapId + " is " + state.status + ", not awaiting an answer");
        }
    }
}
