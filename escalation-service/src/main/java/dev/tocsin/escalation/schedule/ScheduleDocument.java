package dev.tocsin.escalation.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tocsin.escalation.schedule.model.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * A schedule as the API takes, stores and returns it: either layered ({@code layers} and
 * {@code roles}, the model of docs/schedules.md) or the older single rotation ({@code timeZone}
 * and {@code rotation}), which {@link ScheduleModels} reads as one primary layer and a secondary
 * layer of the same people one ahead. A document is stored as it was put, so a GET answers what
 * was written in either form; overrides and swaps live in their own tables.
 *
 * @param people the zone of each participant, from the user's own time zone where the body names none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleDocument(String id, @NotBlank String name, String timeZone, @Valid Rotation rotation,
        List<@NotNull @Valid Person> people, List<@NotNull @Valid Layer> layers, Map<Role, List<String>> roles,
        @Size(max = 63) String team) {

    /** A schedule of no team: only the deployment's admin changes it. */
    public ScheduleDocument(String id, String name, String timeZone, Rotation rotation, List<Person> people,
            List<Layer> layers, Map<Role, List<String>> roles) {
        this(id, name, timeZone, rotation, people, layers, roles, null);
    }

    /** Whether this is the older single-rotation form. */
    public boolean singleRotation() {
        return rotation != null || timeZone != null;
    }

    /** The single rotation: participants take turns from {@code start}, one shift each. */
    public record Rotation(@NotNull LocalDateTime start, @NotBlank String shiftLength,
            @NotEmpty List<@NotBlank String> participants) {
    }

    /** Where a participant lives: what their night is, for the health check. */
    public record Person(@NotBlank String id, @NotBlank String timeZone) {
    }

    /**
     * One rotation of a layered schedule.
     *
     * @param cadence an ISO-8601 period ({@code P7D}, kept in local time) or duration ({@code PT8H}, elapsed)
     * @param handoff the first handoff, a local date-time in {@code zone}
     */
    public record Layer(@NotBlank String id, @NotBlank String cadence, @NotNull LocalDateTime handoff,
            @NotBlank String zone, @NotEmpty List<@NotBlank String> participants,
            List<@NotNull @Valid Restriction> restrictions) {
    }

    /** A window of time of day on some weekdays, in the layer's zone; an end at or before the start is the next day. */
    public record Restriction(@NotEmpty List<@NotNull DayOfWeek> days, @NotNull LocalTime from,
            @NotNull LocalTime until) {
    }

    public ScheduleDocument withId(String newId) {
        return new ScheduleDocument(newId, name, timeZone, rotation, people, layers, roles, team);
    }

    public ScheduleDocument withTeam(String owner) {
        return new ScheduleDocument(id, name, timeZone, rotation, people, layers, roles, owner);
    }

    public ScheduleDocument withPeople(List<Person> filled) {
        return new ScheduleDocument(id, name, timeZone, rotation, filled, layers, roles, team);
    }

    /** Every person the document names as a participant, with the path that names them, in order. */
    public List<Map.Entry<String, String>> participants() {
        if (singleRotation()) {
            List<String> p = rotation == null ? List.of() : rotation.participants();
            return java.util.stream.IntStream.range(0, p.size())
                    .mapToObj(i -> Map.entry("rotation.participants[" + i + "]", p.get(i))).toList();
        }
        List<Map.Entry<String, String>> all = new java.util.ArrayList<>();
        List<Layer> ls = layers == null ? List.of() : layers;
        for (int l = 0; l < ls.size(); l++) {
            List<String> p = ls.get(l).participants() == null ? List.of() : ls.get(l).participants();
            for (int i = 0; i < p.size(); i++) {
                all.add(Map.entry("layers[" + l + "].participants[" + i + "]", p.get(i)));
            }
        }
        return all;
    }
}
