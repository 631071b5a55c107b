package dev.tocsin.escalation.schedule.rest;

import dev.tocsin.escalation.schedule.model.Layer;
import dev.tocsin.escalation.schedule.model.Schedule;
import dev.tocsin.escalation.schedule.model.Target;
import dev.tocsin.escalation.schedule.model.TimeRange;
import dev.tocsin.eventing.api.FieldErrors;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/** The range and layer of an override or a swap: at most a year long, within ten years of now, a layer the schedule has. */
final class Ranges {

    static final Duration LONGEST = Duration.ofDays(366);

    private Ranges() {
    }

    /** The range, or null with errors named {@code start} and {@code end}. */
    static TimeRange check(Instant start, Instant end, Instant now, FieldErrors errors) {
        Instant earliest = now.atOffset(ZoneOffset.UTC).minusYears(Instants.YEARS).toInstant();
        Instant latest = now.atOffset(ZoneOffset.UTC).plusYears(Instants.YEARS).toInstant();
        boolean ok = true;
        for (var e : new Object[][] {{"start", start}, {"end", end}}) {
            Instant i = (Instant) e[1];
            if (i.isBefore(earliest) || i.isAfter(latest)) {
                errors.add((String) e[0], "must be within " + Instants.YEARS + " years of now");
                ok = false;
            }
        }
        if (ok && !end.isAfter(start)) {
            errors.add("end", "must be after start (" + start + ")");
            ok = false;
        }
        if (ok && Duration.between(start, end).compareTo(LONGEST) > 0) {
            errors.add("end", "must be at most 366 days after start");
            ok = false;
        }
        return ok ? new TimeRange(start, end) : null;
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
