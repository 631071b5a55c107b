package dev.tocsin.escalation.schedule.model;

import static dev.tocsin.escalation.schedule.model.TimeRange.instant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import biweekly.Biweekly;
import biweekly.ICalVersion;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The feed read back with the iCalendar library says what the shift list says. */
class ICalendarFeedTest {

    private static final TimeRange WEEKS = TimeRange.of("2026-01-05T09:00Z", "2026-01-26T09:00Z");
    private static final Instant STAMP = instant("2026-01-01T00:00Z");

    private static Schedule schedule() {
        List<Participant> people = List.of(Participant.of("ann", "Europe/London"), Participant.of("bob", "Europe/London"),
                Participant.of("cat", "Europe/London"), Participant.of("dan", "Europe/London"));
        Layer primary = Layer.of("primary", "Europe/London", "2026-01-05T09:00", Cadence.weekly(), "ann", "bob", "cat");
        Layer secondary = Layer.of("secondary", "Europe/London", "2026-01-05T09:00", Cadence.weekly(), "bob", "cat", "ann");
        return Schedule.of("payments", people, List.of(primary, secondary), List.of("primary"), List.of("secondary"))
                .withOverride(new ShiftOverride("o1", "dan", TimeRange.of("2026-01-11T12:00Z", "2026-01-13T12:00Z"),
                        Target.layer("primary")));
    }

    /** One parsed event: what a calendar client would show and key on. */
    private record Event(String uid, Instant start, Instant end, String summary) {
    }

    private static List<Event> parse(String feed) {
        ICalendar calendar = Biweekly.parse(feed).first();
        // The library's own RFC 5545 checks (required properties, value types) find nothing to say.
        assertTrue(calendar.validate(ICalVersion.V2_0).isEmpty(), calendar.validate(ICalVersion.V2_0).toString());
        List<Event> events = new ArrayList<>();
        for (VEvent e : calendar.getEvents()) {
            events.add(new Event(e.getUid().getValue(), e.getDateStart().getValue().toInstant(),
                    e.getDateEnd().getValue().toInstant(), e.getSummary().getValue()));
        }
        return events;
    }

    private static List<Event> expected(Schedule s, Role role, List<Shift> shifts) {
        return shifts.stream().map(x -> new Event(ICalendarFeed.uid(s, role, x), x.start(), x.end(),
                ICalendarFeed.summary(s, role, x))).toList();
    }

    @Test
    void theFeedHoldsEveryShiftOfEveryRole() {
        Schedule s = schedule();
        String feed = ICalendarFeed.of(s, WEEKS, STAMP);

        List<Event> expected = new ArrayList<>(expected(s, Role.PRIMARY, s.shifts(Role.PRIMARY, WEEKS)));
        expected.addAll(expected(s, Role.SECONDARY, s.shifts(Role.SECONDARY, WEEKS)));
        assertEquals(expected, parse(feed));
        // 3 primary weeks with dan's override cut into ann's and bob's (5 events), and 3 secondary weeks.
        assertEquals(8, expected.size());
        assertEquals("payments primary on call: dan", parse(feed).get(1).summary());
        // Start and end are UTC date-times, which every client reads the same way.
        assertTrue(feed.contains("DTSTART:20260105T090000Z"), feed);
        assertTrue(feed.contains("DTEND:20260111T120000Z"), feed);
        assertTrue(feed.contains("override o1 covering for ann"), feed);
        assertTrue(feed.contains("PRODID:-//Tocsin//Schedules//EN"), feed);
    }

    @Test
    void theCalendarLibraryLeavesJavaTimeZonesAlone() {
        // ical4j, tried first, registers a ZoneRulesProvider adding "ical4j~<uuid>" zones to every JVM it is in,
        // which broke OnCallPropertyTest (it draws from all zones); the library in use must not.
        ICalendarFeed.of(schedule(), WEEKS, STAMP);
        assertEquals(List.of(), ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("~")).toList());
    }

    @Test
    void uidsAreUniqueAndStableAcrossExports() {
        Schedule s = schedule();
        List<String> first = parse(ICalendarFeed.of(s, WEEKS, STAMP)).stream().map(Event::uid).toList();
        List<String> later = parse(ICalendarFeed.of(s, WEEKS, instant("2026-01-08T00:00Z"))).stream().map(Event::uid).toList();
        // A calendar keys events by UID: a re-export must update the events, not duplicate them.
        assertEquals(first, later);
        assertEquals(first.size(), first.stream().distinct().count());
    }

    @Test
    void aPersonsFeedHoldsOnlyTheirShiftsInEachRole() {
        Schedule s = schedule();
        List<Event> dan = parse(ICalendarFeed.forPerson(s, "dan", WEEKS, STAMP));
        assertEquals(List.of(
                new Event("payments-primary-primary-dan-" + instant("2026-01-11T12:00Z").getEpochSecond() + "@tocsin",
                        instant("2026-01-11T12:00Z"), instant("2026-01-12T09:00Z"), "payments primary on call: dan"),
                new Event("payments-primary-primary-dan-" + instant("2026-01-12T09:00Z").getEpochSecond() + "@tocsin",
                        instant("2026-01-12T09:00Z"), instant("2026-01-13T12:00Z"), "payments primary on call: dan")),
                dan);
        // ann: primary week one up to the override, secondary week three.
        List<Event> ann = parse(ICalendarFeed.forPerson(s, "ann", WEEKS, STAMP));
        assertEquals(List.of("payments primary on call: ann", "payments secondary on call: ann"),
                ann.stream().map(Event::summary).toList());
        assertEquals(Optional.of(instant("2026-01-19T09:00Z")), ann.stream().skip(1).map(Event::start).findFirst());
    }
}
