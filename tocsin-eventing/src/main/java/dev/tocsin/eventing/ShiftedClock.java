package dev.tocsin.eventing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The system clock plus an offset that a test harness writes to a file ({@link ClockConfig#offsetFile()}),
 * so that every service process reading the same file shares one moved "now". The offset only
 * grows: a file asking to move back is refused, since deadlines already fired cannot un-fire.
 */
final class ShiftedClock extends Clock {

    private final Clock system;
    private final Path file;
    private volatile Duration offset = Duration.ZERO;

    ShiftedClock(Clock system, Path file) {
        this.system = system;
        this.file = file;
    }

    Path file() {
        return file;
    }

    Duration offset() {
        return offset;
    }

    /**
     * Reads the file again; true when the offset moved forward. An unreadable or backward offset
     * keeps the current one and says why in the exception.
     */
    boolean refresh() throws IOException {
        Duration read;
        try {
            String text = Files.readString(file).strip();
            read = text.isEmpty() ? Duration.ZERO : Duration.parse(text);
        } catch (NoSuchFileException e) {
            read = Duration.ZERO;
        } catch (DateTimeParseException e) {
            throw new IOException(file + " holds no ISO-8601 duration: " + e.getParsedString(), e);
        }
        if (read.equals(offset)) {
            return false;
        }
        if (read.compareTo(offset) < 0) {
            throw new IOException(file + " asks to move the clock back from +" + offset + " to +" + read
                    + "; it only moves forward");
        }
        offset = read;
        return true;
    }

    @Override
    public Instant instant() {
        return system.instant().plus(offset);
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Tocsin works in UTC");
    }
}
