package dev.tocsin.escalation.schedule.model;

import biweekly.Biweekly;
import biweekly.ICalVersion;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.CalendarScale;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shifts as an iCalendar feed (RFC 5545) people subscribe to from their calendar: one VEVENT per
 * shift with UTC start and end, a SUMMARY naming the schedule, the role and the person, and a UID
 * that is the same in every export holding that shift's start, so a calendar updates the event
 * instead of duplicating it. Written with biweekly; DTSTAMP is given, the model has no clock.
 */
public final class ICalendarFeed {

    static final String PRODUCT = "-//Tocsin//Schedules//EN";

    /** How far a served feed reaches back from now, and ahead: what a calendar app shows of past and coming shifts. */
    public static final Duration BACK = Duration.ofDays(30);
    public static final Duration AHEAD = Duration.ofDays(90);

    private ICalendarFeed() {
    }

    /** The range a feed served at {@code now} covers: {@link #BACK} before it to {@link #AHEAD} after. */
    public static TimeRange window(Instant now) {
        return new TimeRange(now.minus(BACK), now.plus(AHEAD));
    }

    /** Every role's shifts of {@code schedule} in {@code range}. */
    public static String of(Schedule schedule, TimeRange range, Instant stamp) {
        ICalendar calendar = calendar();
        for (Role role : Role.values()) {
            for (Shift s : schedule.shifts(role, range)) {
                calendar.addEvent(event(schedule, role, s, stamp));
            }
        }
        return write(calendar);
    }

    /** The shifts {@code person} holds in any role of {@code schedule} in {@code range}. */
    public static String forPerson(Schedule schedule, String person, TimeRange range, Instant stamp) {
        ICalendar calendar = calendar();
        Map<Role, List<Shift>> mine = schedule.shiftsOf(person, range);
        for (Role role : Role.values()) {
            for (Shift s : mine.getOrDefault(role, List.of())) {
                calendar.addEvent(event(schedule, role, s, stamp));
            }
        }
        return write(calendar);
    }

    /** The shifts {@code person} holds in any role of any of {@code schedules} in {@code range}: their own feed. */
    public static String forPerson(List<Schedule> schedules, String person, TimeRange range, Instant stamp) {
        ICalendar calendar = calendar();
        for (Schedule schedule : schedules) {
            Map<Role, List<Shift>> mine = schedule.shiftsOf(person, range);
            for (Role role : Role.values()) {
                for (Shift s : mine.getOrDefault(role, List.of())) {
                    calendar.addEvent(event(schedule, role, s, stamp));
                }
            }
        }
        return write(calendar);
    }

    /** Stable across exports: the schedule, role, layer, person and start say which shift this is. */
    static String uid(Schedule schedule, Role role, Shift s) {
        return schedule.id() + "-" + role.name().toLowerCase(Locale.ROOT) + "-" + s.layer() + "-" + s.person() + "-"
                + s.start().getEpochSecond() + "@tocsin";
    }

    static String summary(Schedule schedule, Role role, Shift s) {
        return schedule.name() + " " + role.name().toLowerCase(Locale.ROOT) + " on call: " + s.person();
    }

    private static ICalendar calendar() {
        ICalendar calendar = new ICalendar();
        calendar.setProductId(PRODUCT);
        calendar.setCalendarScale(CalendarScale.gregorian());
        return calendar;
    }

    private static VEvent event(Schedule schedule, Role role, Shift s, Instant stamp) {
        VEvent event = new VEvent();
        event.setUid(uid(schedule, role, s));
        event.setDateTimeStamp(Date.from(stamp));
        event.setDateStart(Date.from(s.start()), true);
        event.setDateEnd(Date.from(s.end()), true);
        event.setSummary(summary(schedule, role, s));
        event.setDescription(describe(s));
        return event;
    }

    private static String describe(Shift s) {
        String layer = "layer " + s.layer();
        return switch (s.origin()) {
            case Origin.Rotation r -> layer + ", rotation";
            case Origin.Overridden o -> layer + ", override " + o.overrideId()
                    + o.replaced().map(p -> " covering for " + p).orElse(" where the layer had nobody");
            case Origin.Swapped w -> layer + ", swap " + w.swapId() + " with " + w.replaced();
        };
    }

    /** Written as iCalendar 2.0; with no time zone set, biweekly writes every date-time in UTC. */
    private static String write(ICalendar calendar) {
        return Biweekly.write(calendar).version(ICalVersion.V2_0).go();
    }
}
