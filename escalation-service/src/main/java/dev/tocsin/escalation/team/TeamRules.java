package dev.tocsin.escalation.team;

import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.events.directory.BusinessHours;
import dev.tocsin.events.directory.TeamRole;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules a team and a role must meet, each broken one reported under its field, all at once.
 */
public final class TeamRules {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    public static final String ID_RULE = "must be lowercase letters, digits, '.', '_' or '-' (" + ID.pattern() + ")";
    private static final String ROLES = "must be one of admin, responder, viewer";

    private TeamRules() {
    }

    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** The role named {@code name} ({@code admin}, {@code responder}, {@code viewer}), or null after adding an error. */
    public static TeamRole role(String name, String field, FieldErrors errors) {
        if (name != null) {
            for (TeamRole role : TeamRole.values()) {
                if (role.wireName().equals(name)) {
                    return role;
                }
            }
        }
        errors.add(field, ROLES);
        return null;
    }

    /** Checks name, zone and hours of {@code team}; the hours as the event carries them, or null. */
    public static BusinessHours check(TeamRequest team, FieldErrors errors) {
        if (team.name() == null || team.name().isBlank()) {
            errors.add("name", "must not be blank");
        }
        try {
            ZoneId.of(team.timeZone() == null ? "" : team.timeZone());
        } catch (DateTimeException e) {
            errors.add("timeZone", "must be an IANA time zone id like Europe/Berlin");
        }
        return team.businessHours() == null ? null : hours(team.businessHours(), errors);
    }

    /** The routing part of {@code team}, blanks read as absent. */
    public static TeamRequest routing(TeamRequest team) {
        return new TeamRequest(team.id(), team.name(), team.timeZone(), team.businessHours(),
                blankToNull(team.defaultPolicy()), blankToNull(team.fallbackContact()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static BusinessHours hours(TeamRequest.Hours hours, FieldErrors errors) {
        List<DayOfWeek> days = new ArrayList<>();
        if (hours.days() == null || hours.days().isEmpty()) {
            errors.add("businessHours.days", "needs at least one day, e.g. [\"MONDAY\",\"FRIDAY\"]");
        } else {
            for (int i = 0; i < hours.days().size(); i++) {
                String day = hours.days().get(i);
                try {
                    DayOfWeek parsed = DayOfWeek.valueOf(day == null ? "" : day.toUpperCase(Locale.ROOT));
                    if (days.contains(parsed)) {
                        errors.add("businessHours.days[" + i + "]", "names " + parsed + " twice");
                    }
                    days.add(parsed);
                } catch (IllegalArgumentException e) {
                    errors.add("businessHours.days[" + i + "]",
                            "must be one of " + Arrays.toString(DayOfWeek.values()));
                }
            }
        }
        LocalTime start = time(hours.start(), "businessHours.start", errors);
        LocalTime end = time(hours.end(), "businessHours.end", errors);
        if (start != null && end != null && !start.isBefore(end)) {
            errors.add("businessHours.end", "must be after businessHours.start");
        }
        return errors.size() > 0 ? null : new BusinessHours(List.copyOf(days), start, end);
    }

    private static LocalTime time(String value, String field, FieldErrors errors) {
        try {
            return LocalTime.parse(value == null ? "" : value);
        } catch (DateTimeParseException e) {
            errors.add(field, "must be a time of day like 09:00");
            return null;
        }
    }
}
