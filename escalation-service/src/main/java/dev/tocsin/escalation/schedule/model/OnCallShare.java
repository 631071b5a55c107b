package dev.tocsin.escalation.schedule.model;

import java.time.Duration;

/** How much of a range {@code person} is on call in any role; time in two roles at once counts once. */
public record OnCallShare(String person, Duration onCall, double share) {

    /** The share as a percentage, one decimal, for messages a person reads. */
    public String percent() {
        return String.format(java.util.Locale.ROOT, "%.1f%%", share * 100);
    }
}
