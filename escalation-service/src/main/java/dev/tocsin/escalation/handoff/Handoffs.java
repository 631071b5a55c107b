package dev.tocsin.escalation.handoff;

import dev.tocsin.escalation.schedule.model.Role;
import dev.tocsin.escalation.schedule.model.Schedule;
import dev.tocsin.escalation.schedule.model.Shift;
import dev.tocsin.escalation.schedule.model.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * When shifts hand off, read from the schedule model as routing reads it (layers, restrictions,
 * accepted swaps and overrides): pure functions of a schedule and an instant, no clock, no I/O.
 * A shift starts where its holder was not already on call in that role just before, so a person
 * whose shifts follow one another starts once.
 */
public final class Handoffs {

    /** How far ahead {@link #next} looks; a schedule with no start that far out is looked at again then. */
    public static final Duration HORIZON = Duration.ofDays(35);

    /** Someone starting a shift: who, in which role, when. */
    public record Start(String person, Role role, Instant at) {
    }

    private Handoffs() {
    }

    /** The first instant after {@code after}, within {@link #HORIZON}, at which anyone starts a shift. */
    public static Optional<Instant> next(Schedule schedule, Instant after) {
        TimeRange range = new TimeRange(after, after.plus(HORIZON));
        return Stream.of(Role.values()).flatMap(role -> schedule.shifts(role, range).stream())
                .map(Shift::start).filter(start -> start.isAfter(after)).min(Comparator.naturalOrder());
    }

    /** Who starts a shift at {@code at}, primary first. */
    public static List<Start> startingAt(Schedule schedule, Instant at) {
        // A window around the instant, so a shift starting at it is not one clipped to the window.
        TimeRange around = new TimeRange(at.minus(Duration.ofMinutes(1)), at.plus(Duration.ofMinutes(1)));
        List<Start> starts = new ArrayList<>();
        for (Role role : Role.values()) {
            schedule.shifts(role, around).stream().filter(shift -> shift.start().equals(at))
                    .forEach(shift -> starts.add(new Start(shift.person(), role, at)));
        }
        return starts;
    }
}
