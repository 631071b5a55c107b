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
 * well under a second: every step is a pass over sorted lists, none a scan per shift.
 */
class ExpansionSpeedTest {

    private static final TimeRange QUARTER = TimeRange.of("2026-01-01T00:00Z", "2026-04-01T00:00Z");

    @Test
    void aQuarterOfHourlyShiftsInTenLayersTakesWellUnderASecond() {
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

        // Warm the code up once so the measurement is the expansion, not class loading and the JIT's first pass;
        // the best of three keeps other builds on the shared cores from failing the test.
        RotationHealth.of(s, QUARTER);
        Duration took = Duration.ofDays(1);
        int shifts = 0;
        List<Shift> primary = List.of();
        for (int run = 0; run < 3; run++) {
            long began = System.nanoTime();
            shifts = 0;
            for (Layer l : layers) {
                shifts += s.layerShifts(l.id(), QUARTER).size();
            }
            primary = s.shifts(Role.PRIMARY, QUARTER);
            s.shifts(Role.SECONDARY, QUARTER);
            Duration once = Duration.ofNanos(System.nanoTime() - began);
            took = once.compareTo(took) < 0 ? once : took;
        }

        assertTrue(shifts > 20_000, "expanded " + shifts);
        assertEquals(List.of(), s.gaps(QUARTER));
        assertEquals(QUARTER.start(), primary.getFirst().start());
        assertTrue(took.compareTo(Duration.ofMillis(500)) < 0, "took " + took.toMillis() + " ms");
    }
}
