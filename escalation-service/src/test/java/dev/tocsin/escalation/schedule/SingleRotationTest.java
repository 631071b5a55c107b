package dev.tocsin.escalation.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.escalation.schedule.model.OnCallAt;
import dev.tocsin.escalation.schedule.model.Schedule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The single-rotation body ({@code timeZone} + {@code rotation}) read as the layered model: one
 * primary layer and a secondary layer of the same people one ahead, so its secondary is still the
 * next person. The cases are those the single-rotation OnCall was tested with.
 */
class SingleRotationTest {

    private static Schedule berlin(String shift) {
        // Weekly handoff Monday 09:00 Berlin time, starting 2026-01-05.
        return ScheduleModels.of(new ScheduleDocument("s", "s", "Europe/Berlin", new ScheduleDocument.Rotation(
                LocalDateTime.parse("2026-01-05T09:00:00"), shift, List.of("alice", "bob", "carol")), null, null, null),
                List.of(), List.of());
    }

    private static OnCallAt at(String shift, String instant) {
        return berlin(shift).at(Instant.parse(instant));
    }

    @org.junit.jupiter.api.Test
    void beforeTheRotationStartsNobodyIsOnCall() {
        // The single-rotation OnCall gave the first shift to its first participant before the start;
        // the layered model has no shift before a layer's first handoff, and a page then names nobody.
        OnCallAt before = at("P7D", "2026-01-01T00:00:00Z");
        assertTrue(before.primary().isEmpty());
        assertTrue(before.secondary().isEmpty());
    }

    @ParameterizedTest
    @CsvSource({
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
        OnCallAt onCall = at("P7D", at);
        assertEquals(primary, onCall.primaryPerson().orElseThrow());
        assertEquals(secondary, onCall.secondaryPerson().orElseThrow());
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
        assertEquals(primary, at("PT12H", at).primaryPerson().orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({"2026-03-30T07:00:00Z, 2026-03-30T07:00:00Z, 2026-04-06T07:00:00Z"})
    void theShiftBoundsAreReported(String at, String start, String end) {
        // The secondary's shift is the same week: both layers hand off together.
        OnCallAt onCall = at("P7D", at);
        for (var shift : List.of(onCall.primary().orElseThrow(), onCall.secondary().orElseThrow())) {
            assertEquals(Instant.parse(start), shift.start());
            assertEquals(Instant.parse(end), shift.end());
        }
    }
}
