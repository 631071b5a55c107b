package dev.tocsin.escalation.schedule.rest;

import dev.tocsin.escalation.schedule.model.Layer;
import dev.tocsin.escalation.schedule.model.Schedule;
import dev.tocsin.escalation.schedule.model.Target;
import dev.tocsin.escalation.schedule.model.TimeRange;
import dev.tocsin.eventing.api.FieldErrors;
import java.time.Duration;
import java.time.Instant;

/** The range and layer of an override or a swap: at most a year long, within ten years of now, a layer the schedule has. */
final class Ranges {

    static final Duration LONGEST = Duration.ofDays(366);

    private Ranges() {
    }

    /** The range, or null with errors named {@code start} and {@code end}. */
    static TimeRange check(Instant start, Instant end, Instant now, FieldErrors errors) {
        // Both checked, so one answer names both fields when both are out.
        if (!(Instants.within("start", start, now, errors) & Instants.within("end", end, now, errors))) {
            return null;
        }
        if (!end.isAfter(start)) {
            errors.add("end", "must be after start (" + start + ")");
            return null;
        }
        if (Duration.between(start, end).compareTo(LONGEST) > 0) {
            errors.add("end", "must be at most 366 days after start");
            return null;
        }
        return new TimeRange(start, end);
    }

    /** Every layer when {@code layer} is absent; 400 naming {@code layer} when the schedule has no such layer. */
    static Target target(Schedule schedule, String layer, FieldErrors errors) {
        if (layer == null) {
            return Target.ALL;
        }
        if (schedule.layers().stream().map(Layer::id).noneMatch(layer::equals)) {
            errors.add("layer", "names layer '" + layer + "', which schedule " + schedule.id() + " does not have");
            errors.throwIfAny();
        }
        return Target.layer(layer);
    }
}
