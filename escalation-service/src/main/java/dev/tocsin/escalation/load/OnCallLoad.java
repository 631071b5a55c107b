package dev.tocsin.escalation.load;

import dev.tocsin.escalation.schedule.model.Role;
import dev.tocsin.escalation.schedule.model.Schedule;
import dev.tocsin.escalation.schedule.model.Shift;
import dev.tocsin.escalation.schedule.model.TimeRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The on-call load of SRE book ch. 11, counted from what happened (pages that reached people,
 * their incidents, tickets) against the shifts of the schedules: pure, so the REST answers and
 * the tests compute it the same way. A page counts once in each shift of a person it reached
 * during the shift, off-hours when it first reached them there outside their working hours.
 */
public final class OnCallLoad {

    /** A page reached {@code person} at {@code at}. */
    public record Reach(String pageId, String person, Instant at) {
    }

    /** A ticket triggered at {@code at} for {@code people}. */
    public record Ticket(String alertId, List<String> people, Instant at) {
    }

    /**
     * What happened in a range.
     *
     * @param incidents the incidents each page of {@code reached} is in; a page in none is absent
     */
    public record Facts(List<Reach> reached, Map<String, Set<String>> incidents, List<Ticket> tickets) {

        public Facts {
            reached = List.copyOf(reached);
            incidents = Map.copyOf(incidents);
            tickets = List.copyOf(tickets);
        }

        /** The reaches by person, so each shift looks only at its holder's. */
        Map<String, List<Reach>> byPerson() {
            return reached.stream().collect(Collectors.groupingBy(Reach::person));
        }
    }

    /** The limits the load is held to, and each person's time zone (a person absent is in UTC). */
    public record Limits(int shiftMaxPages, int shiftMaxIncidents, double onCallCap, WorkingHours hours,
            Map<String, ZoneId> zones) {

        ZoneId zone(String person) {
            return zones.getOrDefault(person, ZoneOffset.UTC);
        }

        public static Limits of(LoadConfig config, Map<String, ZoneId> zones) {
            return new Limits(config.shiftMaxPages(), config.shiftMaxIncidents(), config.onCallCap(),
                    new WorkingHours(Set.copyOf(config.workingDays()), config.workingStart(), config.workingEnd()),
                    zones);
        }
    }

    /** Working hours on working days, wall-clock in a person's zone; {@code end} exclusive. */
    public record WorkingHours(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

        boolean contains(Instant at, ZoneId zone) {
            ZonedDateTime local = at.atZone(zone);
            LocalTime time = local.toLocalTime();
            return days.contains(local.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
        }
    }

    /** What one person carried in some time: pages, off-hours pages, incidents, tickets. */
    public record Counts(int pages, int offHoursPages, int incidents, int tickets) {
    }

    /**
     * One shift and what it carried, with why it is flagged (empty: within the limits).
     */
    public record ShiftLoad(Role role, String person, Instant start, Instant end, Counts counts, List<String> flags) {
    }

    /** A person's on-call time over a range, its share of the range, and what they carried in it. */
    public record PersonLoad(String person, Duration onCall, double share, boolean overCap, Counts counts) {
    }

    private OnCallLoad() {
    }

    /** Every shift of the schedule in {@code range} (clipped to it), both roles, in start order. */
    public static List<ShiftLoad> shifts(Schedule schedule, TimeRange range, Facts facts, Limits limits) {
        Map<String, List<Reach>> byPerson = facts.byPerson();
        List<ShiftLoad> loads = new ArrayList<>();
        for (Role role : Role.values()) {
            for (Shift shift : schedule.shifts(role, range)) {
                Counts counts = counts(shift.person(), shift.range(), byPerson, facts, limits);
                loads.add(new ShiftLoad(role, shift.person(), shift.start(), shift.end(), counts,
                        flags(counts, limits)));
            }
        }
        loads.sort(Comparator.comparing(ShiftLoad::start).thenComparing(ShiftLoad::role));
        return loads;
    }

    /**
     * Each person on call in any of {@code schedules} during {@code range} or reached by a page in
     * it: their on-call time (time in two roles or schedules at once counts once), its share of the
     * range against the cap, and everything they carried in the range, in shifts or not. By person id.
     */
    public static List<PersonLoad> people(List<Schedule> schedules, TimeRange range, Facts facts, Limits limits) {
        Map<String, List<TimeRange>> onCall = new TreeMap<>();
        for (Schedule schedule : schedules) {
            for (Role role : Role.values()) {
                for (Shift shift : schedule.shifts(role, range)) {
                    onCall.computeIfAbsent(shift.person(), p -> new ArrayList<>()).add(shift.range());
                }
            }
        }
        facts.reached().forEach(r -> onCall.computeIfAbsent(r.person(), p -> new ArrayList<>()));
        Map<String, List<Reach>> byPerson = facts.byPerson();
        List<PersonLoad> people = new ArrayList<>();
        double length = range.length().toSeconds();
        onCall.forEach((person, ranges) -> {
            Duration time = TimeRange.covered(ranges);
            double share = time.toSeconds() / length;
            people.add(new PersonLoad(person, time, share, share > limits.onCallCap(),
                    counts(person, range, byPerson, facts, limits)));
        });
        return people;
    }

    /** What reached {@code person} within {@code within}, and the tickets for them in it. */
    private static Counts counts(String person, TimeRange within, Map<String, List<Reach>> byPerson, Facts facts,
            Limits limits) {
        // The first time each page reached the person in the range, in page order.
        Map<String, Instant> first = new LinkedHashMap<>();
        for (Reach r : byPerson.getOrDefault(person, List.of())) {
            if (within.contains(r.at())) {
                first.merge(r.pageId(), r.at(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        ZoneId zone = limits.zone(person);
        int offHours = (int) first.values().stream().filter(at -> !limits.hours().contains(at, zone)).count();
        Set<String> incidents = new LinkedHashSet<>();
        first.keySet().forEach(page -> incidents.addAll(facts.incidents().getOrDefault(page, Set.of())));
        int tickets = (int) facts.tickets().stream()
                .filter(t -> t.people().contains(person) && within.contains(t.at())).count();
        return new Counts(first.size(), offHours, incidents.size(), tickets);
    }

    private static List<String> flags(Counts counts, Limits limits) {
        List<String> flags = new ArrayList<>();
        if (counts.incidents() > limits.shiftMaxIncidents()) {
            flags.add(counts.incidents() + " incidents, more than " + limits.shiftMaxIncidents() + " in one shift");
        }
        if (counts.pages() > limits.shiftMaxPages()) {
            flags.add(counts.pages() + " pages, more than " + limits.shiftMaxPages() + " in one shift");
        }
        return flags;
    }
}
