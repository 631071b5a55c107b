package dev.tocsin.escalation.schedule.model;

import java.time.Duration;
import java.time.ZoneId;

/**
 * Something about a rotation the SRE book (ch. 11, "Being on-call") warns against, with the
 * numbers that show it, and a sentence a team lead can act on.
 */
public sealed interface HealthWarning {

    String message();

    /** More than a quarter of the range on call: the book's cap on any engineer's on-call time. */
    record OverShare(OnCallShare share, double limit) implements HealthWarning {
        @Override
        public String message() {
            return share.person() + " is on call " + share.percent() + " of the time (" + share.onCall().toHours()
                    + " h), more than " + Math.round(limit * 100) + "%";
        }
    }

    /** A single-site 24/7 rotation with primary and secondary needs eight people (one week in four each). */
    record TooFewForSingleSite(int people, int needed) implements HealthWarning {
        @Override
        public String message() {
            return "a single-site 24/7 rotation with primary and secondary has " + people + " people; it needs "
                    + needed;
        }
    }

    /** Each site of a multi-site rotation needs six people. */
    record TooFewAtSite(ZoneId site, int people, int needed) implements HealthWarning {
        @Override
        public String message() {
            return "site " + site + " has " + people + " people in the rotation; each site needs " + needed;
        }
    }

    /** Follow-the-sun shifts that reach into the person's own night. */
    record NightShifts(String person, ZoneId zone, int shifts, Duration atNight) implements HealthWarning {
        @Override
        public String message() {
            return person + " has " + shifts + " follow-the-sun shifts reaching into their night in " + zone + " ("
                    + atNight.toMinutes() / 60.0 + " h between 22:00 and 07:00)";
        }
    }

    /** Parts of the range with no primary: a page then reaches nobody. */
    record NoPrimary(int gaps, Duration total, TimeRange first) implements HealthWarning {
        @Override
        public String message() {
            return gaps + " stretches with no primary, " + total.toMinutes() / 60.0 + " h in all, the first " + first;
        }
    }
}
