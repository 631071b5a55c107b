package dev.tocsin.escalation.schedule.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tocsin.escalation.schedule.model.HealthWarning.NightShifts;
import dev.tocsin.escalation.schedule.model.HealthWarning.NoPrimary;
import dev.tocsin.escalation.schedule.model.HealthWarning.OverShare;
import dev.tocsin.escalation.schedule.model.HealthWarning.TooFewAtSite;
import dev.tocsin.escalation.schedule.model.HealthWarning.TooFewForSingleSite;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The SRE book's on-call quantity rules (ch. 11) over whole rotations, every number worked out by hand. */
class RotationHealthTest {

    /** Weekly London rotation of n people, the secondary one person ahead of the primary. */
    private static Schedule singleSite(int n) {
        List<String> names = IntStream.range(0, n).mapToObj(i -> "p" + i).toList();
        List<String> ahead = new ArrayList<>(names.subList(1, n));
        ahead.add(names.getFirst());
        List<Participant> people = names.stream().map(p -> Participant.of(p, "Europe/London")).toList();
        Layer primary = new Layer("primary", ZoneId.of("Europe/London"), java.time.LocalDateTime.parse("2026-01-05T09:00"),
                Cadence.weekly(), names, List.of());
        Layer secondary = new Layer("secondary", ZoneId.of("Europe/London"), java.time.LocalDateTime.parse("2026-01-05T09:00"),
                Cadence.weekly(), ahead, List.of());
        return Schedule.of("payments", people, List.of(primary, secondary), List.of("primary"), List.of("secondary"));
    }

    @Test
    void eightPeopleOnPrimaryAndSecondaryAreOnCallExactlyAQuarter() {
        // Eight weeks from Monday 2026-01-05 09:00 GMT: each person is primary one week and secondary another,
        // 2 of 8 weeks = 25%, which the book allows; no warning at all.
        RotationHealth health = RotationHealth.of(singleSite(8), TimeRange.of("2026-01-05T09:00Z", "2026-03-02T09:00Z"));
        assertEquals(List.of(), health.warnings());
        assertEquals(8, health.shares().size());
        health.shares().forEach(s -> assertEquals(Duration.ofDays(14), s.onCall()));
        health.shares().forEach(s -> assertEquals(0.25, s.share()));
    }

    @Test
    void sevenPeopleAreEachOverAQuarterAndTooFewForOneSite() {
        // Seven weeks: 2 of 7 weeks = 336 h = 28.6% each, and 7 < 8 people for a single-site 24/7 rotation.
        RotationHealth health = RotationHealth.of(singleSite(7), TimeRange.of("2026-01-05T09:00Z", "2026-02-23T09:00Z"));
        List<HealthWarning> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            expected.add(new OverShare(new OnCallShare("p" + i, Duration.ofHours(336), 2.0 / 7), 0.25));
        }
        expected.add(new TooFewForSingleSite(7, 8));
        assertEquals(expected, health.warnings());
        assertEquals("p0 is on call 28.6% of the time (336 h), more than 25%", health.warnings().getFirst().message());
    }

    @Test
    void twoDaytimeSitesOfSixEachAreHealthy() {
        // Sydney 07:00-19:00 AEDT is 20:00Z-08:00Z, London 08:00-20:00 GMT is 08:00Z-20:00Z: the day is covered,
        // nobody works their night, and each of 12 people is primary one week in six at half a day, plus
        // secondary another week: about 1/6 of the time, under 25%.
        List<String> sydney = List.of("s0", "s1", "s2", "s3", "s4", "s5");
        List<String> london = List.of("l0", "l1", "l2", "l3", "l4", "l5");
        List<Participant> people = new ArrayList<>();
        sydney.forEach(p -> people.add(Participant.of(p, "Australia/Sydney")));
        london.forEach(p -> people.add(Participant.of(p, "Europe/London")));
        Schedule sun = Schedule.of("sun", people, List.of(
                site("syd", "Australia/Sydney", "07:00", "19:00", sydney, 0),
                site("lon", "Europe/London", "08:00", "20:00", london, 0),
                site("syd2", "Australia/Sydney", "07:00", "19:00", sydney, 1),
                site("lon2", "Europe/London", "08:00", "20:00", london, 1)),
                List.of("syd", "lon"), List.of("syd2", "lon2"));

        RotationHealth health = RotationHealth.of(sun, TimeRange.of("2026-01-05T00:00Z", "2026-02-16T00:00Z"));

        assertEquals(List.of(), health.warnings());
        health.shares().forEach(s -> assertTrue(s.share() > 0.15 && s.share() < 0.2, s.toString()));
    }

    /** A weekly daytime layer of one site, its people rotated by {@code ahead}. */
    private static Layer site(String id, String zone, String from, String until, List<String> people, int ahead) {
        List<String> order = new ArrayList<>(people.subList(ahead, people.size()));
        order.addAll(people.subList(0, ahead));
        return new Layer(id, ZoneId.of(zone), java.time.LocalDateTime.parse("2026-01-05T" + from), Cadence.weekly(),
                order, List.of(Restriction.everyDay(from, until)));
    }

    @Test
    void followTheSunWithOnePersonPerSiteGapsAndANightWorker() {
        // Sydney's layer is staffed by max, who lives in London: 08:00-16:00 AEDT is 21:00Z-05:00Z.
        List<Participant> people = List.of(Participant.of("max", "Europe/London"), Participant.of("liz", "Europe/London"),
                Participant.of("ned", "America/New_York"));
        Layer syd = Layer.of("syd", "Australia/Sydney", "2026-01-01T08:00", Cadence.daily(), "max")
                .restrictedTo(Restriction.everyDay("08:00", "16:00"));
        Layer lon = Layer.of("lon", "Europe/London", "2026-01-01T08:00", Cadence.daily(), "liz")
                .restrictedTo(Restriction.everyDay("08:00", "16:00"));
        Layer nyc = Layer.of("nyc", "America/New_York", "2026-01-01T08:00", Cadence.daily(), "ned")
                .restrictedTo(Restriction.everyDay("08:00", "16:00"));
        Schedule sun = Schedule.of("sun", people, List.of(syd, lon, nyc), List.of("syd", "lon", "nyc"), List.of());

        // One week, Monday 00:00Z to Monday 00:00Z.
        RotationHealth health = RotationHealth.of(sun, TimeRange.of("2026-01-05T00:00Z", "2026-01-12T00:00Z"));

        // max: 5 h on Monday morning, 8 h from each of six evenings, 3 h from Sunday evening = 56 h of 168 = 1/3.
        // ned: 13:00Z-21:00Z for seven days = 56 h. liz: 08:00Z-13:00Z (New York wins after 13:00Z) = 35 h.
        assertEquals(List.of(new OnCallShare("max", Duration.ofHours(56), 56.0 / 168),
                new OnCallShare("liz", Duration.ofHours(35), 35.0 / 168),
                new OnCallShare("ned", Duration.ofHours(56), 56.0 / 168)), health.shares());
        assertEquals(List.of(
                new OverShare(health.shares().get(0), 0.25),
                new OverShare(health.shares().get(2), 0.25),
                // Three sites (zones), one person each, six needed.
                new TooFewAtSite(ZoneId.of("Australia/Sydney"), 1, 6),
                new TooFewAtSite(ZoneId.of("Europe/London"), 1, 6),
                new TooFewAtSite(ZoneId.of("America/New_York"), 1, 6),
                // max's night is 22:00-07:00 London = UTC in January. Monday 00:00-05:00 is 5 h of night; each
                // evening 21:00-05:00 has 22:00-05:00, 7 h, six times; Sunday 21:00-24:00 has 2 h: 8 shifts, 49 h.
                new NightShifts("max", ZoneId.of("Europe/London"), 8, Duration.ofHours(49)),
                // 05:00Z-08:00Z every day is nobody's daytime: 7 gaps, 21 h.
                new NoPrimary(7, Duration.ofHours(21), TimeRange.of("2026-01-05T05:00Z", "2026-01-05T08:00Z"))),
                health.warnings());
    }
}
