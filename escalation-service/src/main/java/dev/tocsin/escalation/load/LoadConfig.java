package dev.tocsin.escalation.load;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

/**
 * The limits the on-call load is held to (SRE book ch. 11; docs/on-call-load.md): how much one
 * shift should carry, how much of a quarter one person should be on call, and which hours of a
 * person's own time zone are working hours (a page outside them is off-hours).
 */
@ConfigMapping(prefix = "tocsin.load")
public interface LoadConfig {

    /** A shift with more pages than this is flagged. */
    @WithDefault("2")
    int shiftMaxPages();

    /** A shift with more incidents than this is flagged (the book: at most two per 12-hour shift). */
    @WithDefault("2")
    int shiftMaxIncidents();

    /** The share of a quarter a person may be on call (the book: at most 25%). */
    @WithDefault("0.25")
    double onCallCap();

    /** The working days, in each person's own time zone. */
    @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
    List<DayOfWeek> workingDays();

    /** When a working day's working hours start, in each person's own time zone. */
    @WithDefault("09:00")
    LocalTime workingStart();

    /** When they end (exclusive). */
    @WithDefault("17:00")
    LocalTime workingEnd();
}
