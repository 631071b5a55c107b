package dev.tocsin.events.directory;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

/**
 * A team's working hours, wall-clock times in the team's time zone: {@code start} inclusive,
 * {@code end} exclusive, on each of {@code days}.
 */
public record BusinessHours(List<DayOfWeek> days, LocalTime start, LocalTime end) {
}
