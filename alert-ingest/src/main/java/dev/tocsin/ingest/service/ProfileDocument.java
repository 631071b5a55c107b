package dev.tocsin.ingest.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tocsin.events.alert.Urgency;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.ingest.silence.Matcher;
import dev.tocsin.ingest.silence.MatcherJson;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A service profile as JSON: what {@code PUT /api/v1/services/{id}} takes, what is stored, and what
 * GET answers, so a profile applied from configuration reads back the same. Every value is kept
 * as written and checked by {@link #toProfile}, which names the path of each invalid field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProfileDocument(String id, String name, String criticality, List<SloJson> slos,
        List<RuleJson> urgencyRules, HoursJson businessHours) {

    private static final Pattern SLO_NAME = Pattern.compile("[a-z0-9_-]+");

    /** @param window an ISO-8601 duration such as {@code P30D} */
    public record SloJson(String name, Double objective, String window) {
    }

    public record RuleJson(List<MatcherJson> matchers, String urgency, String comment) {
    }

    /** @param start {@code HH:mm} */
    public record HoursJson(String timeZone, List<String> days, String start, String end) {
    }

    /** The document of a valid profile; the inverse of {@link #toProfile}. */
    public static ProfileDocument of(ServiceProfile p) {
        BusinessHours h = p.businessHours();
        return new ProfileDocument(p.id(), p.name(), p.criticality().name(),
                p.slos().stream().map(s -> new SloJson(s.name(), s.objective(), window(s.window()))).toList(),
                p.urgencyRules().stream().map(r -> new RuleJson(r.matchers().stream().map(MatcherJson::of).toList(),
                        r.urgency().name(), r.comment())).toList(),
                h == null ? null : new HoursJson(h.timeZone().getId(),
                        EnumSet.copyOf(h.days()).stream().map(DayOfWeek::name).toList(), h.start().toString(),
                        h.end().toString()));
    }

    /** As {@link #toProfile(String, FieldErrors, int)} without a bound on matcher values: for stored profiles. */
    public ServiceProfile toProfile(String id, FieldErrors errors) {
        return toProfile(id, errors, Integer.MAX_VALUE);
    }

    /**
     * This document as the profile of service {@code id}, or the errors that keep it from being one.
     *
     * @param maxValueLength the longest value a rule's matcher may have ({@code tocsin.ingest.matchers.max-value-length})
     */
    public ServiceProfile toProfile(String id, FieldErrors errors, int maxValueLength) {
        int before = errors.size();
        ServiceIds.check(id, "id", errors);
        if (name == null || name.isBlank()) {
            errors.add("name", "is required, e.g. Checkout");
        }
        ServiceProfile.Criticality crit = parse(ServiceProfile.Criticality.class, criticality, "criticality", errors);
        List<Slo> sloList = slos(errors);
        List<UrgencyRule> rules = rules(errors, maxValueLength);
        BusinessHours hours = businessHours == null ? null : hours(errors);
        if (errors.size() > before) {
            return null;
        }
        return new ServiceProfile(id, name.trim(), crit, sloList, rules, hours);
    }

    private List<Slo> slos(FieldErrors errors) {
        List<Slo> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<SloJson> list = slos == null ? List.of() : slos;
        for (int i = 0; i < list.size(); i++) {
            String path = "slos[" + i + "]";
            SloJson slo = list.get(i);
            int mark = errors.size();
            if (slo == null) {
                errors.add(path, "must be an SLO like"
                        + " {\"name\":\"availability\",\"objective\":99.9,\"window\":\"P30D\"}");
                continue;
            }
            if (slo.name() == null || !SLO_NAME.matcher(slo.name()).matches()) {
                errors.add(path + ".name", "must match [a-z0-9_-]+, e.g. availability");
            } else if (!names.add(slo.name())) {
                errors.add(path + ".name", "repeats the name of another SLO of this service: " + slo.name());
            }
            if (slo.objective() == null || !(slo.objective() > 0 && slo.objective() < 100)) {
                errors.add(path + ".objective", "must be a percentage strictly between 0 and 100, e.g. 99.9");
            }
            Duration window = duration(slo.window(), path + ".window", errors);
            if (errors.size() == mark) {
                result.add(new Slo(slo.name(), slo.objective(), window));
            }
        }
        return result;
    }

    private List<UrgencyRule> rules(FieldErrors errors, int maxValueLength) {
        List<UrgencyRule> result = new ArrayList<>();
        List<RuleJson> list = urgencyRules == null ? List.of() : urgencyRules;
        for (int i = 0; i < list.size(); i++) {
            String path = "urgencyRules[" + i + "]";
            RuleJson rule = list.get(i);
            if (rule == null) {
                errors.add(path, "must be a rule like {\"matchers\":[...],\"urgency\":\"TICKET\",\"comment\":\"...\"}");
                continue;
            }
            List<Matcher> matchers = MatcherJson.read(rule.matchers(), path + ".matchers", errors, maxValueLength);
            Urgency urgency = parse(Urgency.class, rule.urgency(), path + ".urgency", errors);
            if (matchers != null && urgency != null) {
                String comment = rule.comment() == null || rule.comment().isBlank() ? null : rule.comment().trim();
                result.add(new UrgencyRule(matchers, urgency, comment));
            }
        }
        return result;
    }

    private BusinessHours hours(FieldErrors errors) {
        int before = errors.size();
        ZoneId zone = null;
        try {
            zone = ZoneId.of(businessHours.timeZone() == null ? "" : businessHours.timeZone());
        } catch (DateTimeException e) {
            errors.add("businessHours.timeZone", "must be an IANA time zone id like Europe/Berlin");
        }
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        List<String> dayList = businessHours.days() == null ? List.of() : businessHours.days();
        if (dayList.isEmpty()) {
            errors.add("businessHours.days", "needs at least one day, e.g. [\"MONDAY\",\"FRIDAY\"]");
        }
        for (int i = 0; i < dayList.size(); i++) {
            DayOfWeek day = parse(DayOfWeek.class, dayList.get(i), "businessHours.days[" + i + "]", errors);
            if (day != null) {
                days.add(day);
            }
        }
        LocalTime start = time(businessHours.start(), "businessHours.start", errors);
        LocalTime end = time(businessHours.end(), "businessHours.end", errors);
        if (start != null && end != null && !start.isBefore(end)) {
            errors.add("businessHours.end", "must be after start (" + start + "); hours do not cross midnight");
        }
        return errors.size() > before ? null : new BusinessHours(zone, days, start, end);
    }

    /** Whole days as people write SLO windows ({@code P30D}), anything else in ISO-8601 ({@code PT36H}). */
    private static String window(Duration window) {
        return window.toHours() % 24 == 0 && window.equals(Duration.ofHours(window.toHours()))
                ? "P" + window.toDays() + "D" : window.toString();
    }

    private static Duration duration(String text, String path, FieldErrors errors) {
        try {
            Duration window = Duration.parse(text == null ? "" : text.trim());
            if (window.isNegative() || window.isZero()) {
                errors.add(path, "must be a positive duration, e.g. P30D");
                return null;
            }
            return window;
        } catch (DateTimeParseException e) {
            errors.add(path, "must be an ISO-8601 duration, e.g. P30D or PT720H");
            return null;
        }
    }

    private static LocalTime time(String text, String path, FieldErrors errors) {
        try {
            return LocalTime.parse(text == null ? "" : text.trim());
        } catch (DateTimeParseException e) {
            errors.add(path, "must be a time of day as HH:mm, e.g. 09:00");
            return null;
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text, String path, FieldErrors errors) {
        if (text != null) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(text.trim().toUpperCase(Locale.ROOT))) {
                    return constant;
                }
            }
        }
        errors.add(path, "must be one of " + List.of(type.getEnumConstants()));
        return null;
    }
}
