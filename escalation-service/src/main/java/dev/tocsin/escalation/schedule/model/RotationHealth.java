package dev.tocsin.escalation.schedule.model;

import static dev.tocsin.escalation.schedule.model.TimeRange.max;
import static dev.tocsin.escalation.schedule.model.TimeRange.min;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A schedule's rotation checked against the SRE book's balance of on-call quantity over a range
 * (say the next quarter): each person's share, and warnings for a share over 25%, too few people,
 * follow-the-sun shifts at night and time with no primary.
 *
 * <p>A site is a zone: the layers of the schedule's roles in one zone are one site. With one
 * site, a rotation is 24/7 when no primary layer is restricted, and with a secondary role it
 * needs 8 people. With several sites (follow-the-sun) each needs 6 people counted over all its
 * layers, and any shift reaching into its holder's night, 22:00-07:00 in the participant's own
 * zone, is reported; single-site 24/7 rotations have night shifts by design, so they are not.
 */
public record RotationHealth(TimeRange range, List<OnCallShare> shares, List<HealthWarning> warnings) {

    public static final double MAX_SHARE = 0.25;
    public static final int SINGLE_SITE_PEOPLE = 8;
    public static final int PEOPLE_PER_SITE = 6;
    private static final Restriction NIGHT = Restriction.everyDay("22:00", "07:00");

    public RotationHealth {
        shares = List.copyOf(shares);
        warnings = List.copyOf(warnings);
    }

    public static RotationHealth of(Schedule schedule, TimeRange range) {
        Map<String, List<Shift>> byPerson = new LinkedHashMap<>();
        schedule.people().forEach(p -> byPerson.put(p.id(), new ArrayList<>()));
        for (Role role : Role.values()) {
            schedule.shifts(role, range).forEach(s -> byPerson.get(s.person()).add(s));
        }
        byPerson.values().forEach(list -> list.sort(Comparator.comparing(Shift::start)));

        List<OnCallShare> shares = new ArrayList<>();
        List<HealthWarning> warnings = new ArrayList<>();
        Set<String> rotating = participants(schedule.layers());
        byPerson.forEach((person, shifts) -> {
            if (!shifts.isEmpty() || rotating.contains(person)) {
                Duration on = TimeRange.covered(shifts.stream().map(Shift::range).toList());
                shares.add(new OnCallShare(person, on, (double) on.toSeconds() / range.length().toSeconds()));
            }
        });
        shares.stream().filter(s -> s.share() > MAX_SHARE)
                .forEach(s -> warnings.add(new HealthWarning.OverShare(s, MAX_SHARE)));

        Map<ZoneId, List<Layer>> sites = sites(schedule);
        if (sites.size() == 1) {
            boolean allDay = schedule.layersOf(Role.PRIMARY).stream().allMatch(l -> l.restrictions().isEmpty());
            int people = participants(sites.values().iterator().next()).size();
            if (allDay && !schedule.layersOf(Role.SECONDARY).isEmpty() && people < SINGLE_SITE_PEOPLE) {
                warnings.add(new HealthWarning.TooFewForSingleSite(people, SINGLE_SITE_PEOPLE));
            }
        } else {
            sites.forEach((zone, layers) -> {
                int people = participants(layers).size();
                if (people < PEOPLE_PER_SITE) {
                    warnings.add(new HealthWarning.TooFewAtSite(zone, people, PEOPLE_PER_SITE));
                }
            });
            byPerson.forEach((person, shifts) -> night(schedule, person, shifts, range, warnings));
        }

        List<TimeRange> gaps = schedule.gaps(range);
        if (!gaps.isEmpty()) {
            Duration total = gaps.stream().map(TimeRange::length).reduce(Duration.ZERO, Duration::plus);
            warnings.add(new HealthWarning.NoPrimary(gaps.size(), total, gaps.getFirst()));
        }
        return new RotationHealth(range, shares, warnings);
    }

    /** The layers of the schedule's roles by zone, in the order they first appear. */
    private static Map<ZoneId, List<Layer>> sites(Schedule schedule) {
        Map<ZoneId, List<Layer>> sites = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            for (Layer l : schedule.layersOf(role)) {
                List<Layer> site = sites.computeIfAbsent(l.zone(), z -> new ArrayList<>());
                if (!site.contains(l)) {
                    site.add(l);
                }
            }
        }
        return sites;
    }

    private static Set<String> participants(List<Layer> layers) {
        Set<String> people = new LinkedHashSet<>();
        layers.forEach(l -> people.addAll(l.participants()));
        return people;
    }

    private static void night(Schedule schedule, String person, List<Shift> shifts, TimeRange range,
            List<HealthWarning> warnings) {
        if (shifts.isEmpty()) {
            return;
        }
        ZoneId zone = schedule.participant(person).orElseThrow().zone();
        List<TimeRange> nights = Timeline.windows(List.of(NIGHT), zone, range);
        int count = 0;
        Duration atNight = Duration.ZERO;
        int j = 0;
        for (Shift s : shifts) {
            while (j < nights.size() && !nights.get(j).end().isAfter(s.start())) {
                j++;
            }
            Duration here = Duration.ZERO;
            for (int i = j; i < nights.size() && nights.get(i).start().isBefore(s.end()); i++) {
                TimeRange night = nights.get(i);
                here = here.plus(Duration.between(max(s.start(), night.start()), min(s.end(), night.end())));
            }
            if (!here.isZero()) {
                count++;
                atNight = atNight.plus(here);
            }
        }
        if (count > 0) {
            warnings.add(new HealthWarning.NightShifts(person, zone, count, atNight));
        }
    }
}
