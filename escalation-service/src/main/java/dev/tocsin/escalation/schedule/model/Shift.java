package dev.tocsin.escalation.schedule.model;

import java.time.Instant;
import java.util.Objects;

/** A person on call from {@code start} to {@code end} in {@code layer}, and why ({@link Origin}). */
public record Shift(String layer, String person, Instant start, Instant end, Origin origin) {

    public Shift {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(origin, "origin");
        new TimeRange(start, end);
    }

    public TimeRange range() {
        return new TimeRange(start, end);
    }

    Shift during(TimeRange r) {
        return new Shift(layer, person, r.start(), r.end(), origin);
    }

    Shift as(String newPerson, Origin newOrigin) {
        return new Shift(layer, newPerson, start, end, newOrigin);
    }

    /** The same person, layer and origin, so that two touching pieces read as one shift. */
    boolean continues(Shift previous) {
        return previous.end.equals(start) && previous.person.equals(person) && previous.layer.equals(layer)
                && previous.origin.equals(origin);
    }
}
