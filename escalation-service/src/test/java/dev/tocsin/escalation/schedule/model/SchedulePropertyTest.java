package dev.tocsin.escalation.schedule.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The shift list's invariants over random zones (every IANA zone), cadences from 30 minutes to two
 * weeks in both kinds, restrictions, overrides and swaps around 2026: what a responder relies on
 * whatever the configuration.
 */
class SchedulePropertyTest {

    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> PEOPLE = List.of("p0", "p1", "p2", "p3", "p4");
    private static final List<Participant> PARTICIPANTS = PEOPLE.stream().map(p -> Participant.of(p, "UTC")).toList();

    @Property(tries = 400)
    void oneLayersShiftsNeverOverlapAndWithoutRestrictionsTileTheRange(@ForAll("layers") Layer layer,
            @ForAll("ranges") TimeRange range) {
        Schedule s = Schedule.of("s", PARTICIPANTS, List.of(layer), List.of(layer.id()), List.of());
        List<Shift> shifts = s.layerShifts(layer.id(), range);
        for (Shift x : shifts) {
            assertFalse(x.start().isBefore(range.start()), "starts before the range");
            assertFalse(x.end().isAfter(range.end()), "ends after the range");
        }
        for (int i = 1; i < shifts.size(); i++) {
            assertFalse(shifts.get(i).start().isBefore(shifts.get(i - 1).end()), "overlap at " + i);
        }
        Instant first = layer.cadence().handoff(layer.start(), layer.zone(), 0);
        if (layer.restrictions().isEmpty() && !first.isAfter(range.start())) {
            assertEquals(range.start(), shifts.getFirst().start());
            assertEquals(range.end(), shifts.getLast().end());
            for (int i = 1; i < shifts.size(); i++) {
                assertEquals(shifts.get(i - 1).end(), shifts.get(i).start(), "gap at " + i);
            }
        }
    }

    @Property(tries = 400)
    void anOverrideNeverLeavesAGap(@ForAll("layers") Layer layer, @ForAll("ranges") TimeRange range,
            @ForAll("parts") List<Integer> part, @ForAll @IntRange(min = 0, max = 4) int person) {
        TimeRange covered = part(range, part);
        ShiftOverride o = new ShiftOverride("o", PEOPLE.get(person), covered, Target.layer(layer.id()));
        Schedule s = Schedule.of("s", PARTICIPANTS, List.of(layer), List.of(layer.id()), List.of()).withOverride(o);
        TimeRange inside = covered;
        List<Shift> overlap = s.layerShifts(layer.id(), range).stream().filter(x -> x.range().overlaps(inside)).toList();
        // The override's person holds every instant of it, in one run of touching pieces.
        assertEquals(inside.start(), overlap.getFirst().start());
        assertEquals(inside.end(), overlap.getLast().end());
        for (int i = 0; i < overlap.size(); i++) {
            assertEquals(o.person(), overlap.get(i).person());
            assertTrue(overlap.get(i).origin() instanceof Origin.Overridden);
            if (i > 0) {
                assertEquals(overlap.get(i - 1).end(), overlap.get(i).start());
            }
        }
        assertTrue(s.gaps(range).stream().noneMatch(g -> g.overlaps(inside)), "a primary gap inside the override");
    }

    @Property(tries = 200)
    void theOnCallAtAnInstantIsTheShiftCoveringItInTheList(@ForAll("schedules") Schedule s,
            @ForAll("ranges") TimeRange range, @ForAll @IntRange(min = 0, max = 1000) int permille) {
        Instant at = range.start().plus(range.length().multipliedBy(permille).dividedBy(1001));
        for (Role role : Role.values()) {
            List<Shift> listed = s.shifts(role, range);
            Optional<Shift> covering = listed.stream().filter(x -> x.range().contains(at)).findFirst();
            OnCallAt now = s.at(at);
            Optional<Shift> answered = role == Role.PRIMARY ? now.primary() : now.secondary();
            assertEquals(covering, answered.map(x -> x.during(x.range().intersect(range))), role + " at " + at);
        }
    }

    @Property(tries = 200)
    void aSwapAcceptedThenReversedGivesBackTheOriginal(@ForAll("layers") Layer layer, @ForAll("ranges") TimeRange range,
            @ForAll("parts") List<Integer> part, @ForAll("pairs") List<String> pair, @ForAll boolean allLayers) {
        TimeRange traded = part(range, part);
        Schedule s = Schedule.of("s", PARTICIPANTS, List.of(layer), List.of(layer.id()), List.of());
        Target target = allLayers ? Target.ALL : Target.layer(layer.id());
        Swap there = accepted("s1", pair.get(0), pair.get(1), traded, target);
        Swap back = accepted("s2", pair.get(1), pair.get(0), traded, target);
        List<Shift> original = s.shifts(Role.PRIMARY, range);
        assertEquals(people(original), people(s.withSwap(there).withSwap(back).shifts(Role.PRIMARY, range)));
        // Calling the swap off instead restores the list exactly, origins included.
        Swap off = Swap.apply(there, new SwapEvent.SwapCancelled("s1", pair.get(0)));
        assertEquals(original, s.withSwap(there).withSwap(off).shifts(Role.PRIMARY, range));
    }

    private static Swap accepted(String id, String requester, String counterpart, TimeRange range, Target target) {
        return Swap.replay(List.of(new SwapEvent.SwapRequested(id, requester, counterpart, range, target),
                new SwapEvent.SwapAccepted(id, counterpart)));
    }

    /** Who holds each instant, touching runs of one person joined: the shift list without its origins. */
    private static List<Shift> people(List<Shift> shifts) {
        List<Shift> out = new ArrayList<>();
        for (Shift x : shifts) {
            Shift plain = new Shift("-", x.person(), x.start(), x.end(), Origin.ROTATION);
            if (!out.isEmpty() && plain.continues(out.getLast())) {
                plain = new Shift("-", x.person(), out.removeLast().start(), x.end(), Origin.ROTATION);
            }
            out.add(plain);
        }
        return out;
    }

    /** A part of {@code range} between two per-mille marks, so that it always meets the range. */
    private static TimeRange part(TimeRange range, List<Integer> marks) {
        int a = Math.min(marks.get(0), marks.get(1));
        int b = Math.max(marks.get(0), marks.get(1)) + 1;
        return new TimeRange(range.start().plus(range.length().multipliedBy(a).dividedBy(1001)),
                range.start().plus(range.length().multipliedBy(b).dividedBy(1001)));
    }

    @Provide
    Arbitrary<List<Integer>> parts() {
        return Arbitraries.integers().between(0, 1000).list().ofSize(2);
    }

    @Provide
    Arbitrary<TimeRange> ranges() {
        Arbitrary<Long> from = Arbitraries.longs().between(0, 60L * 86_400);
        Arbitrary<Long> length = Arbitraries.longs().between(60, 21L * 86_400);
        return Combinators.combine(from, length).as((f, l) -> new TimeRange(BASE.plusSeconds(f), BASE.plusSeconds(f + l)));
    }

    @Provide
    Arbitrary<List<String>> pairs() {
        return Arbitraries.of(PEOPLE).list().ofSize(2).uniqueElements();
    }

    @Provide
    Arbitrary<Layer> layers() {
        return layer("l");
    }

    @Provide
    Arbitrary<Schedule> schedules() {
        Arbitrary<List<Layer>> layers = Arbitraries.integers().between(1, 3)
                .flatMap(n -> Combinators.combine(IntStream.range(0, n).mapToObj(i -> layer("l" + i)).toList())
                        .as(list -> list));
        Arbitrary<List<ShiftOverride>> overrides = Combinators.combine(ranges(), Arbitraries.of(PEOPLE),
                Arbitraries.integers().between(-1, 2))
                .as((r, p, l) -> new ShiftOverride("o" + p + l, p, r, l < 0 ? Target.ALL : Target.layer("l" + l)))
                .list().ofMaxSize(2);
        return Combinators.combine(layers, overrides, Arbitraries.integers().between(0, 2)).as((ls, os, secondary) -> {
            List<String> ids = ls.stream().map(Layer::id).toList();
            Schedule s = Schedule.of("s", PARTICIPANTS, ls, ids, secondary == 0 ? List.of() : ids.reversed());
            for (ShiftOverride o : os) {
                if (!(o.target() instanceof Target.OneLayer one) || ids.contains(one.layerId())) {
                    s = s.withOverride(o);
                }
            }
            return s;
        });
    }

    private static Arbitrary<Layer> layer(String id) {
        Arbitrary<ZoneId> zones = Arbitraries.of(ZoneId.getAvailableZoneIds().stream().sorted().toList()).map(ZoneId::of);
        Arbitrary<Cadence> fixed = Arbitraries.longs().between(30, 3L * 24 * 60)
                .map(m -> new Cadence.Fixed(Duration.ofMinutes(m)));
        Arbitrary<Cadence> local = Arbitraries.integers().between(1, 14).map(d -> new Cadence.Local(Period.ofDays(d)));
        Arbitrary<Cadence> cadences = Arbitraries.frequencyOf(Tuple.of(1, fixed), Tuple.of(1, local));
        Arbitrary<LocalDateTime> starts = Arbitraries.longs().between(-30L * 86_400, 120L * 86_400)
                .map(sec -> LocalDateTime.ofEpochSecond(BASE.getEpochSecond() + sec - sec % 60, 0, ZoneOffset.UTC));
        Arbitrary<List<String>> who = Arbitraries.integers().between(1, 5).map(n -> PEOPLE.subList(0, n));
        Arbitrary<List<Restriction>> restrictions = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(List.of())),
                Tuple.of(1, restriction().list().ofMinSize(1).ofMaxSize(2)));
        return Combinators.combine(zones, cadences, starts, who, restrictions)
                .as((zone, cadence, start, people, rs) -> new Layer(id, zone, start, cadence, people, rs));
    }

    private static Arbitrary<Restriction> restriction() {
        Arbitrary<LocalTime> times = Arbitraries.integers().between(0, 47).map(h -> LocalTime.of(h / 2, h % 2 * 30));
        Arbitrary<EnumSet<DayOfWeek>> days = Arbitraries.of(DayOfWeek.class).set().ofMinSize(1)
                .map(EnumSet::copyOf);
        return Combinators.combine(days, times, times).as(Restriction::new);
    }
}
