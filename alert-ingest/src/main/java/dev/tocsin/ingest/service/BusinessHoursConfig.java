package dev.tocsin.ingest.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

/**
 * The business hours of a service whose profile names none, or that has no profile: tickets of
 * such services wait for these hours. Read at start; an invalid value stops the service from starting.
 */
@ConfigMapping(prefix = "tocsin.ingest.business-hours")
public interface BusinessHoursConfig {

    /** The IANA time zone the default hours are wall-clock times of, e.g. {@code Europe/Berlin}. */
    @WithDefault("UTC")
    ZoneId timeZone();

    /** The working days, e.g. {@code MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY}; at least one. */
    @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
    List<DayOfWeek> days();

    /** When the hours open each working day, {@code HH:mm}, inclusive. */
    @WithDefault("09:00")
    LocalTime start();

    /** When the hours close each working day, {@code HH:mm}, exclusive; after {@link #start()}. */
    @WithDefault("17:00")
    LocalTime end();

    /** These settings as business hours. */
    default BusinessHours defaults() {
        return new BusinessHours(timeZone(), EnumSet.copyOf(days()), start(), end());
    }
}
