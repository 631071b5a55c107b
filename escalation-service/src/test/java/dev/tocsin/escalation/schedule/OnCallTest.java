package dev.tocsin.escalation.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.escalation.schedule.Schedule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OnCallTest {

    private static Schedule berlin(String shift) {
        // Weekly handoff Monday 09:00 Berlin time, starting 2026-01-05.
        return new Schedule("s", "s", "Europe/Berlin", new Schedule.Rotation(
                LocalDateTime.parse("2026-01-05T09:00:00"), shift, List.of("alice", "bob", "carol")));
    }

    @ParameterizedTest
    @CsvSource({
            // Before the rotation starts the first participant holds it.
            "2026-01-01T00:00:00Z, alice, bob",
            // 09:00 Berlin in winter is 08:00 UTC: one second before, the first week is still running.
            "2026-01-12T07:59:59Z, alice, bob",
            "2026-01-12T08:00:00Z, bob, carol",
            // Summer time began Sunday 2026-03-29. 2026-03-30 is 12 weeks after the start (12 mod 3 = alice),
            // and its 09:00 handoff is 07:00 UTC, not 08:00: carol's week ends an hour earlier in UTC.
            "2026-03-30T06:59:59Z, carol, alice",
            "2026-03-30T07:00:00Z, alice, bob",
            // Winter time returned Sunday 2026-10-25. 2026-10-26 is week 42 (alice); the handoff is 08:00 UTC again.
            "2026-10-26T07:30:00Z, carol, alice",
            "2026-10-26T08:00:00Z, alice, bob"})
    void weeklyShiftsHandOverAtLocalNineAcrossDaylightSaving(String at, String primary, String secondary) {
        OnCall onCall = OnCall.at(berlin("P7D"), Instant.parse(at));
        assertEquals(primary, onCall.primary());
        assertEquals(secondary, onCall.secondary());
    }

    @ParameterizedTest
    @CsvSource({
            // Exact 12-hour shifts from 08:00 UTC (09:00 Berlin in winter).
            "2026-01-05T08:00:00Z, alice",
            "2026-01-05T20:00:00Z, bob",
            // After the spring change the boundary stays 20:00 UTC (22:00 local): shift 167, 167 mod 3 = carol.
            "2026-03-29T20:00:00Z, carol",
            "2026-03-29T19:59:59Z, bob"})
    void durationShiftsAreExactElapsedTime(String at, String primary) {
        assertEquals(primary, OnCall.at(berlin("PT12H"), Instant.parse(at)).primary());
    }

    @ParameterizedTest
    @CsvSource({"2026-03-30T07:00:00Z, 2026-03-30T07:00:00Z, 2026-04-06T07:00:00Z"})
    void theShiftBoundsAreReported(String at, String start, String end) {
        OnCall onCall = OnCall.at(berlin("P7D"), Instant.parse(at));
        assertEquals(Instant.parse(start), onCall.shiftStart());
        assertEquals(Instant.parse(end), onCall.shiftEnd());
    }
}
