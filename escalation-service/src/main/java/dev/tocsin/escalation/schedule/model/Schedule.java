package dev.tocsin.escalation.schedule.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A schedule: layers of rotations, and for each role the layers that answer it, lowest first. As
 * in PagerDuty, a later layer in a role's list wins wherever it has a shift and a lower one shows
 * through elsewhere, so follow-the-sun is one restricted layer per site under one role. Each
 * layer's shifts are its rotation, then accepted swaps in list order, then overrides in list
 * order (a later override wins). Touching pieces of one person, layer and origin are merged.
 */
public record Schedule(String id, String name, List<Participant> people, List<Layer> layers,
        Map<Role, List<String>> roles, List<ShiftOverride> overrides, List<Swap> swaps) {

    /** How far either side of an instant {@link #at} looks first; it doubles until the shift fits. */
    private static final Duration FIRST_LOOK = Duration.ofDays(8);
    /** A shift unbroken for longer than this either side is reported clipped to it. */
    private static final Duration FURTHEST_LOOK = Duration.ofDays(1024);

    public Schedule {
        people = List.copyOf(people);
        layers = List.copyOf(layers);
        EnumMap<Role, List<String>> copy = new EnumMap<>(Role.class);
        roles.forEach((role, ids) -> copy.put(role, List.copyOf(ids)));
        roles = Map.copyOf(copy);
        overrides = List.copyOf(overrides);
        swaps = List.copyOf(swaps);
        check(people, layers, roles, overrides, swaps);
    }

    /** A schedule with a primary and, when {@code secondary} is not empty, a secondary role. */
    public static Schedule of(String id, List<Participant> people, List<Layer> layers, List<String> primary,
            List<String> secondary) {
        Map<Role, List<String>> roles = new EnumMap<>(Role.class);
        roles.put(Role.PRIMARY, primary);
        if (!secondary.isEmpty()) {
            roles.put(Role.SECONDARY, secondary);
        }
        return new Schedule(id, id, people, layers, roles, List.of(), List.of());
    }

    public Schedule withOverride(ShiftOverride o) {
        List<ShiftOverride> more = new ArrayList<>(overrides);
        more.add(o);
        return new Schedule(id, name, people, layers, roles, more, swaps);
    }

    /** This schedule with {@code swap} added, or replacing the swap of the same id in its place. */
    public Schedule withSwap(Swap swap) {
        List<Swap> more = new ArrayList<>(swaps);
        int at = more.stream().map(Swap::id).toList().indexOf(swap.id());
        if (at >= 0) {
            more.set(at, swap);
        } else {
            more.add(swap);
        }
        return new Schedule(id, name, people, layers, roles, overrides, more);
    }

    public Optional<Participant> participant(String personId) {
        return people.stream().filter(p -> p.id().equals(personId)).findFirst();
    }

    public Layer layer(String layerId) {
        return layers.stream().filter(l -> l.id().equals(layerId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no layer " + layerId + " in schedule " + id));
    }

    /** The layers answering {@code role}, lowest first; empty when the schedule has no such role. */
    public List<Layer> layersOf(Role role) {
        return roles.getOrDefault(role, List.of()).stream().map(this::layer).toList();
    }

    /** One layer's shifts in {@code range}, with swaps and overrides, clipped to the range. */
    public List<Shift> layerShifts(String layerId, TimeRange range) {
        Layer layer = layer(layerId);
        List<Shift> shifts = Timeline.rotation(layer, range);
        for (Swap s : swaps) {
            shifts = Timeline.swap(shifts, s, layerId);
        }
        for (ShiftOverride o : overrides) {
            shifts = Timeline.override(shifts, o, layerId, range);
        }
        return Timeline.merged(shifts);
    }

    /** The shifts answering {@code role} in {@code range}: its layers laid over each other, clipped to the range. */
    public List<Shift> shifts(Role role, TimeRange range) {
        List<Shift> shifts = List.of();
        for (Layer layer : layersOf(role)) {
            shifts = Timeline.overlay(shifts, layerShifts(layer.id(), range));
        }
        return Timeline.merged(shifts);
    }

    /** Every role's shifts held by {@code personId} in {@code range}. */
    public Map<Role, List<Shift>> shiftsOf(String personId, TimeRange range) {
        Map<Role, List<Shift>> mine = new EnumMap<>(Role.class);
        for (Role role : roles.keySet()) {
            mine.put(role, shifts(role, range).stream().filter(s -> s.person().equals(personId)).toList());
        }
        return mine;
    }

    /** The parts of {@code range} with no primary. */
    public List<TimeRange> gaps(TimeRange range) {
        return Timeline.gaps(shifts(Role.PRIMARY, range), range);
    }

    /** Who is primary and secondary at {@code instant}, each with the whole shift they are in. */
    public OnCallAt at(Instant instant) {
        return new OnCallAt(instant, covering(Role.PRIMARY, instant), covering(Role.SECONDARY, instant));
    }

    private Optional<Shift> covering(Role role, Instant instant) {
        for (Duration look = FIRST_LOOK; ; look = look.multipliedBy(2)) {
            TimeRange window = new TimeRange(instant.minus(look), instant.plus(look));
            List<Shift> shifts = shifts(role, window);
            int i = Timeline.firstEndingAfter(shifts, instant);
            if (i == shifts.size() || shifts.get(i).start().isAfter(instant)) {
                return Optional.empty();
            }
            Shift s = shifts.get(i);
            boolean whole = s.start().isAfter(window.start()) && s.end().isBefore(window.end());
            if (whole || look.compareTo(FURTHEST_LOOK) >= 0) {
                return Optional.of(s);
            }
        }
    }

    private static void check(List<Participant> people, List<Layer> layers, Map<Role, List<String>> roles,
            List<ShiftOverride> overrides, List<Swap> swaps) {
        Set<String> known = new HashSet<>();
        people.forEach(p -> known.add(p.id()));
        Map<String, Layer> byId = new LinkedHashMap<>();
        for (Layer l : layers) {
            if (byId.put(l.id(), l) != null) {
                throw new IllegalArgumentException("two layers are called " + l.id());
            }
            l.participants().forEach(p -> known(known, p, "layer " + l.id()));
        }
        if (!roles.containsKey(Role.PRIMARY) || roles.get(Role.PRIMARY).isEmpty()) {
            throw new IllegalArgumentException("a schedule needs at least one primary layer");
        }
        roles.forEach((role, ids) -> ids.forEach(layerId -> {
            if (!byId.containsKey(layerId)) {
                throw new IllegalArgumentException(role + " names unknown layer " + layerId);
            }
        }));
        for (ShiftOverride o : overrides) {
            known(known, o.person(), "override " + o.id());
            layer(byId, o.target(), "override " + o.id());
        }
        for (Swap s : swaps) {
            known(known, s.requester(), "swap " + s.id());
            known(known, s.counterpart(), "swap " + s.id());
            layer(byId, s.target(), "swap " + s.id());
        }
    }

    /** A target naming a layer the schedule does not have would silently change nothing. */
    private static void layer(Map<String, Layer> byId, Target target, String where) {
        if (target instanceof Target.OneLayer one && !byId.containsKey(one.layerId())) {
            throw new IllegalArgumentException(where + " names unknown layer " + one.layerId());
        }
    }

    private static void known(Set<String> known, String person, String where) {
        if (!known.contains(person)) {
            throw new IllegalArgumentException(where + " names " + person + ", who is not among the schedule's people");
        }
    }
}
