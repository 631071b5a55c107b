package dev.tocsin.escalation.schedule.model;

import java.util.Objects;

/**
 * {@code person} covers {@code range} in the target layers: in each of them they hold the whole
 * range, replacing whoever had it and filling where the layer had no shift (restricted hours
 * included), so an override never leaves a gap. Later overrides in a schedule win over earlier ones.
 */
public record ShiftOverride(String id, String person, TimeRange range, Target target) {

    public ShiftOverride {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(target, "target");
    }
}
