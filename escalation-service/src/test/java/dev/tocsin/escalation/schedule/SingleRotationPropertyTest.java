package dev.tocsin.escalation.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.escalation.schedule.model.OnCallAt;
import dev.tocsin.escalation.schedule.model.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * A single rotation read as the layered model ({@link ScheduleModels}), over random IANA zones, shift lengths from a minute to 30 days (durations and local-time
 * periods of days or months), rotation starts and query instants within the API's bounds (now ± 10
 * years): the shift found contains the instant, is the k-th shift counted independently from the
 * rotation's start, and belongs to participant k mod n.
 */
class SingleRotationPropertyTest {

    private static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");
    private static final long TEN_YEARS = 3653L * 86_400;

    @Property(tries = 500)
    void theShiftFoundContainsTheInstantAndIsTheRightOne(@ForAll("zones") String zone, @ForAll("shifts") String shift,
            @ForAll @LongRange(min = -2 * TEN_YEARS, max = TEN_YEARS) long startOffsetSeconds,
            @ForAll @LongRange(min = -TEN_YEARS, max = TEN_YEARS) long atOffsetSeconds,
            @ForAll @IntRange(min = 1, max = 7) int participants) {
        List<String> people = IntStream.range(0, participants).mapToObj(i -> "p" + i).toList();
        LocalDateTime start = LocalDateTime.ofInstant(NOW.plusSeconds(startOffsetSeconds), ZoneId.of("UTC"));
        Schedule schedule = ScheduleModels.of(new ScheduleDocument("s", "s", zone,
                new ScheduleDocument.Rotation(start, shift, people), null, null, null), List.of(), List.of());
        Instant at = NOW.plusSeconds(atOffsetSeconds);

        OnCallAt onCall = schedule.at(at);

        ZonedDateTime first = start.atZone(ZoneId.of(zone));
        if (at.isBefore(first.toInstant())) {
            // Before the rotation starts, nobody is on call.
            assertTrue(onCall.primary().isEmpty());
            assertTrue(onCall.secondary().isEmpty());
            return;
        }
        var primary = onCall.primary().orElseThrow();
        assertFalse(primary.start().isAfter(at), "shift starts after the instant");
        assertTrue(primary.end().isAfter(at), "shift ends at or before the instant");
        if (participants == 1) {
            // One person's touching shifts read as one: there is no boundary to check, only who.
            assertEquals("p0", primary.person());
            assertEquals("p0", onCall.secondaryPerson().orElseThrow());
            return;
        }
        long k = reference(first, shift, primary.start());
        assertEquals(referenceStart(first, shift, k), primary.start(), "not a shift boundary");
        assertEquals(referenceStart(first, shift, k + 1), primary.end(), "not the next shift boundary");
        assertEquals(people.get((int) (k % participants)), primary.person());
        assertEquals(people.get((int) ((k + 1) % participants)), onCall.secondaryPerson().orElseThrow());
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of(ZoneId.getAvailableZoneIds().stream().sorted().toList());
    }

    @Provide
    Arbitrary<String> shifts() {
        Arbitrary<String> minutes = Arbitraries.longs().between(1, 30L * 24 * 60).map(m -> Duration.ofMinutes(m).toString());
        Arbitrary<String> days = Arbitraries.integers().between(1, 30).map(d -> Period.ofDays(d).toString());
        Arbitrary<String> months = Arbitraries.integers().between(1, 3).map(m -> Period.ofMonths(m).toString());
        return Arbitraries.frequencyOf(Tuple.of(6, minutes), Tuple.of(3, days), Tuple.of(1, months));
    }

    /** The number of the shift starting at {@code shiftStart}, counted from the rotation's start by hand. */
    private static long reference(ZonedDateTime first, String shift, Instant shiftStart) {
        if (shift.startsWith("PT")) {
            Duration d = Duration.parse(shift);
            Duration elapsed = Duration.between(first.toInstant(), shiftStart);
            assertEquals(Duration.ZERO, Duration.ofSeconds(elapsed.toSeconds() % d.toSeconds()), "not a whole shift");
            return elapsed.toSeconds() / d.toSeconds();
        }
        Period p = Period.parse(shift);
        // Local days elapsed over the shift's mean length in days; the boundary checks then prove k exact.
        LocalDateTime local = shiftStart.atZone(first.getZone()).toLocalDateTime();
        double days = Duration.between(first.toLocalDateTime(), local).toSeconds() / 86_400.0;
        return Math.round(days / (p.getMonths() > 0 ? p.getMonths() * 146_097.0 / 4_800 : p.getDays()));
    }

    /**
     * The k-th shift's start: the period added k times in local time, resolved as the model
     * documents (a repeated hour at its first occurrence, a skipped one with the offset before it).
     */
    private static Instant referenceStart(ZonedDateTime first, String shift, long k) {
        if (shift.startsWith("PT")) {
            return first.toInstant().plus(Duration.parse(shift).multipliedBy(k));
        }
        return ZonedDateTime.ofLocal(first.toLocalDateTime().plus(Period.parse(shift).multipliedBy((int) k)),
                first.getZone(), null).toInstant();
    }
}
