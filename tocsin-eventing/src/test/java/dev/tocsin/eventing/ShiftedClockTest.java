package dev.tocsin.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShiftedClockTest {

    private static final Instant SYSTEM_NOW = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private ShiftedClock clock() {
        return new ShiftedClock(Clock.fixed(SYSTEM_NOW, ZoneOffset.UTC), dir.resolve("offset"));
    }

    @Test
    void withoutAFileTheClockIsTheSystemClock() throws IOException {
        // The harness may start the services before it first moves time.
        ShiftedClock clock = clock();
        assertFalse(clock.refresh());
        assertEquals(SYSTEM_NOW, clock.instant());
    }

    @Test
    void theOffsetInTheFileIsAddedToSystemTimeAndEachMoveIsReported() throws IOException {
        ShiftedClock clock = clock();
        Files.writeString(clock.file(), "PT5M1S\n");
        assertTrue(clock.refresh());
        assertEquals(SYSTEM_NOW.plusSeconds(301), clock.instant());
        assertEquals(SYSTEM_NOW.plusSeconds(301).toEpochMilli(), clock.millis());
        // The same offset read again is no move: the deadline engine is not woken for nothing.
        assertFalse(clock.refresh());
        Files.writeString(clock.file(), "PT10M2S");
        assertTrue(clock.refresh());
        assertEquals(Duration.ofSeconds(602), clock.offset());
    }

    @Test
    void aBackwardOrUnreadableOffsetKeepsTheClockWhereItWas() throws IOException {
        ShiftedClock clock = clock();
        Files.writeString(clock.file(), "PT10M");
        clock.refresh();
        // Deadlines that fired cannot un-fire: time only moves forward.
        Files.writeString(clock.file(), "PT5M");
        assertThrows(IOException.class, clock::refresh);
        // A half-written or mistyped file is not read as zero.
        Files.writeString(clock.file(), "ten minutes");
        assertThrows(IOException.class, clock::refresh);
        assertEquals(SYSTEM_NOW.plus(Duration.ofMinutes(10)), clock.instant());
    }
}
