package dev.tocsin.escalation.schedule.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A quarter of hourly shifts in ten layers (about 22,000 shifts) with overrides and a swap expands
 * whole: every layer's shifts, and both roles from the first instant of the range to its last.
 * Expansion is a pass over sorted lists, none a scan per shift; its speed is not asserted here,
 * so a busy machine never fails the test.
 */
class QuarterExpansionTest {

    private static final TimeRange QUARTER = TimeRange.of("2026-01-01T00:00Z", "2026-04-01T00:00Z");

    @Test
    void aQuarterOfHourlyShiftsInTenLayersExpandsWhole() {
        List<String> names = IntStream.range(0, 12).mapToObj(i -> "p" + i).toList();
        List<Participant> people = names.stream().map(p -> Participant.of(p, "Europe/London")).toList();
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            List<String> rotation = new ArrayList<>(names.subList(i, names.size()));
            rotation.addAll(names.subList(0, i));
            layers.add(new Layer("l" + i, java.time.ZoneId.of("Europe/London"),
                    java.time.LocalDateTime.parse("2025-12-01T00:00"), Cadence.hourly(), rotation, List.of()));
        }
        List<String> ids = layers.stream().map(Layer::id).toList();
        Schedule s = Schedule.of("big", people, layers, ids.subList(0, 5), ids.subList(5, 10));
        for (int d = 0; d < 80; d += 8) {
            s = s.withOverride(new ShiftOverride("o" + d, "p0", new TimeRange(QUARTER.start().plus(Duration.ofDays(d)),
                    QUARTER.start().plus(Duration.ofDays(d + 1))), Target.ALL));
        }
        s = s.withSwap(Swap.replay(List.of(
                new SwapEvent.SwapRequested("w", "p1", "p2", QUARTER, Target.ALL), new SwapEvent.SwapAccepted("w", "p2"))));

        int shifts = 0;
        for (Layer l : layers) {
            shifts += s.layerShifts(l.id(), QUARTER).size();
        }
        List<Shift> primary = s.shifts(Role.PRIMARY, QUARTER);
        List<Shift> secondary = s.shifts(Role.SECONDARY, QUARTER);

        assertTrue(shifts > 20_000, "expanded " + shifts);
        assertEquals(List.of(), s.gaps(QUARTER));
        assertEquals(QUARTER.start(), primary.getFirst().start());
        assertEquals(List.of(), s.gaps(QUARTER));
        assertEquals(QUARTER.end(), secondary.getLast().end());
    }
}
