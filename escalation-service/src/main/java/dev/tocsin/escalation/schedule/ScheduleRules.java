package dev.tocsin.escalation.schedule;

import dev.tocsin.escalation.schedule.ShiftLength;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.PersonIds;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * What a schedule must satisfy before it is stored, so that every later on-call question about it
 * has an answer: a zone the rules know, a start in a sane range, a shift length that neither
 * divides by zero nor overflows, and a bounded, non-empty list of well-formed participants.
 */
public final class ScheduleRules {

    static final LocalDateTime EARLIEST_START = LocalDateTime.parse("1970-01-01T00:00:00");
    static final LocalDateTime LATEST_START = LocalDateTime.parse("2200-01-01T00:00:00");

    private ScheduleRules() {
    }

    public static void check(Schedule schedule, int maxParticipants, FieldErrors errors) {
        zone("timeZone", schedule.timeZone(), errors);
        Schedule.Rotation rotation = schedule.rotation();
        LocalDateTime start = rotation.start();
        if (start.isBefore(EARLIEST_START) || start.isAfter(LATEST_START)) {
            errors.add("rotation.start", "must be from " + EARLIEST_START + " to " + LATEST_START);
        }
        try {
            ShiftLength.parse(rotation.shiftLength());
        } catch (IllegalArgumentException e) {
            errors.add("rotation.shiftLength", e.getMessage());
        }
        List<String> people = rotation.participants();
        if (people.size() > maxParticipants) {
            errors.add("rotation.participants", "must have at most " + maxParticipants + " participants, has "
                    + people.size());
            return;
        }
        for (int i = 0; i < people.size(); i++) {
            PersonIds.check(people.get(i), "rotation.participants[" + i + "]", errors);
        }
    }

    public static void zone(String field, String zone, FieldErrors errors) {
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            errors.add(field, "must be an IANA time zone like Europe/Berlin");
        }
    }
}
