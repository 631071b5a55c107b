package dev.tocsin.escalation.schedule;

import dev.tocsin.escalation.schedule.model.Role;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.PersonIds;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a schedule must satisfy before it is stored, so that every later on-call question about it
 * has an answer: zones the rules know, starts in a sane range, shift lengths that neither divide
 * by zero nor overflow, bounded, non-empty lists of well-formed participants, and roles naming
 * layers that exist. Errors name the path in the body ({@code layers[0].handoff},
 * {@code roles.PRIMARY[1]}); a single-rotation body keeps its own names ({@code rotation.start}).
 */
public final class ScheduleRules {

    static final LocalDateTime EARLIEST_START = LocalDateTime.parse("1970-01-01T00:00:00");
    static final LocalDateTime LATEST_START = LocalDateTime.parse("2200-01-01T00:00:00");

    private ScheduleRules() {
    }

    public static void check(ScheduleDocument schedule, int maxParticipants, int maxLayers, FieldErrors errors) {
        boolean layered = schedule.layers() != null || schedule.roles() != null || schedule.people() != null;
        if (schedule.singleRotation() && layered) {
            errors.add("layers", "give either timeZone and rotation (one rotation) or layers and roles, not both");
            return;
        }
        if (schedule.singleRotation()) {
            single(schedule, maxParticipants, errors);
        } else {
            layered(schedule, maxParticipants, maxLayers, errors);
        }
    }

    private static void single(ScheduleDocument schedule, int maxParticipants, FieldErrors errors) {
        if (schedule.timeZone() == null) {
            errors.add("timeZone", "must be given with rotation: an IANA time zone like Europe/Berlin");
        } else {
            zone("timeZone", schedule.timeZone(), errors);
        }
        ScheduleDocument.Rotation rotation = schedule.rotation();
        if (rotation == null) {
            errors.add("rotation", "must be given with timeZone");
            return;
        }
        start("rotation.start", rotation.start(), errors);
        shiftLength("rotation.shiftLength", rotation.shiftLength(), errors);
        people("rotation.participants", rotation.participants(), maxParticipants, errors);
    }

    private static void layered(ScheduleDocument schedule, int maxParticipants, int maxLayers, FieldErrors errors) {
        List<ScheduleDocument.Layer> layers = schedule.layers();
        if (layers == null || layers.isEmpty()) {
            errors.add("layers", "must list at least one layer (or give timeZone and rotation for a single rotation)");
            return;
        }
        if (layers.size() > maxLayers) {
            errors.add("layers", "must have at most " + maxLayers + " layers, has " + layers.size());
            return;
        }
        Set<String> ids = new HashSet<>();
        int participants = 0;
        for (int i = 0; i < layers.size(); i++) {
            ScheduleDocument.Layer layer = layers.get(i);
            String at = "layers[" + i + "]";
            if (layer.id() != null && !PersonIds.valid(layer.id())) {
                errors.add(at + ".id", "must be lowercase letters, digits, '.', '_' or '-' like " + "day-shift");
            } else if (layer.id() != null && !ids.add(layer.id())) {
                errors.add(at + ".id", "names layer '" + layer.id() + "' a second time");
            }
            if (layer.zone() != null) {
                zone(at + ".zone", layer.zone(), errors);
            }
            if (layer.handoff() != null) {
                start(at + ".handoff", layer.handoff(), errors);
            }
            if (layer.cadence() != null) {
                shiftLength(at + ".cadence", layer.cadence(), errors);
            }
            if (layer.participants() != null) {
                participants += layer.participants().size();
                people(at + ".participants", layer.participants(), maxParticipants, errors);
            }
        }
        if (participants > maxParticipants) {
            errors.add("layers", "must name at most " + maxParticipants + " participants in all, names " + participants);
        }
        Map<Role, List<String>> roles = schedule.roles();
        if (roles == null || roles.get(Role.PRIMARY) == null || roles.get(Role.PRIMARY).isEmpty()) {
            errors.add("roles.PRIMARY", "must name at least one layer that answers primary");
        }
        if (roles != null) {
            roles.forEach((role, named) -> {
                if (named == null) {
                    return;
                }
                for (int i = 0; i < named.size(); i++) {
                    if (!ids.contains(named.get(i))) {
                        errors.add("roles." + role + "[" + i + "]", "names layer '" + named.get(i)
                                + "', which the schedule does not have");
                    }
                }
            });
        }
        if (schedule.people() != null) {
            Set<String> named = new HashSet<>();
            schedule.participants().forEach(e -> named.add(e.getValue()));
            for (int i = 0; i < schedule.people().size(); i++) {
                ScheduleDocument.Person p = schedule.people().get(i);
                if (p.id() != null && !named.contains(p.id())) {
                    errors.add("people[" + i + "].id", "names '" + p.id() + "', who is in none of the layers");
                }
                if (p.timeZone() != null) {
                    zone("people[" + i + "].timeZone", p.timeZone(), errors);
                }
            }
        }
    }

    private static void start(String field, LocalDateTime start, FieldErrors errors) {
        if (start != null && (start.isBefore(EARLIEST_START) || start.isAfter(LATEST_START))) {
            errors.add(field, "must be from " + EARLIEST_START + " to " + LATEST_START);
        }
    }

    private static void shiftLength(String field, String text, FieldErrors errors) {
        try {
            ShiftLength.parse(text);
        } catch (IllegalArgumentException e) {
            errors.add(field, e.getMessage());
        }
    }

    private static void people(String field, List<String> people, int maxParticipants, FieldErrors errors) {
        if (people == null) {
            return;
        }
        if (people.size() > maxParticipants) {
            errors.add(field, "must have at most " + maxParticipants + " participants, has " + people.size());
            return;
        }
        for (int i = 0; i < people.size(); i++) {
            PersonIds.check(people.get(i), field + "[" + i + "]", errors);
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
