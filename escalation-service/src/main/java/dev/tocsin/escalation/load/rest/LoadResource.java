package dev.tocsin.escalation.load.rest;

import dev.tocsin.escalation.load.LoadConfig;
import dev.tocsin.escalation.load.OnCallLoad;
import dev.tocsin.escalation.load.store.LoadFacts;
import dev.tocsin.escalation.person.User;
import dev.tocsin.escalation.person.store.Users;
import dev.tocsin.escalation.schedule.model.Role;
import dev.tocsin.escalation.schedule.model.Schedule;
import dev.tocsin.escalation.schedule.model.TimeRange;
import dev.tocsin.escalation.schedule.rest.Instants;
import dev.tocsin.escalation.schedule.store.Schedules;
import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.eventing.api.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The on-call load of SRE book ch. 11 (docs/on-call-load.md): what each shift of a schedule
 * carried, each person's on-call time in a quarter against the cap, the response times of each
 * service, and the noisiest alerts. Reads for any viewer; ranges look back (default the last 7
 * days) and span at most 93 days.
 */
@Path("/api/v1/on-call-load")
@RolesAllowed(Roles.VIEWER)
public class LoadResource {

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final int DEFAULT_ALERTS = 10;
    private static final int MAX_ALERTS = 100;

    private final LoadFacts facts;
    private final Schedules schedules;
    private final Users users;
    private final LoadConfig config;
    private final Clock clock;

    LoadResource(LoadFacts facts, Schedules schedules, Users users, LoadConfig config, Clock clock) {
        this.facts = facts;
        this.schedules = schedules;
        this.users = users;
        this.config = config;
        this.clock = clock;
    }

    /** One shift: who held which role when, what it carried, and why it is flagged (empty: it is not). */
    public record ShiftView(Role role, String person, Instant start, Instant end, OnCallLoad.Counts load, boolean flagged,
            List<String> flags) {
    }

    public record ShiftsView(String schedule, Instant from, Instant to, List<ShiftView> shifts) {
    }

    /** Every shift of the schedule in the range, clipped to it, with its pages, incidents and tickets. */
    @GET
    @Path("/shifts")
    public Uni<ShiftsView> shifts(@QueryParam("schedule") String schedule, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        FieldErrors errors = new FieldErrors();
        if (schedule == null || schedule.isBlank()) {
            errors.add("schedule", "is required: the schedule whose shifts to count");
        }
        TimeRange range = Instants.pastRange(from, to, clock.instant(), Instants.WEEK, errors);
        errors.throwIfAny();
        return schedules.one(schedule).chain(s -> facts.facts(range).chain(known ->
                limits(people(List.of(s), known)).map(limits -> new ShiftsView(s.id(), range.start(), range.end(),
                        OnCallLoad.shifts(s, range, known, limits).stream().map(l -> new ShiftView(l.role(),
                                l.person(), l.start(), l.end(), l.counts(), !l.flags().isEmpty(),
                                l.flags())).toList()))));
    }

    /** A person's on-call time in the quarter: hours, their share of it, and whether that is over the cap. */
    public record PersonView(String person, double onCallHours, double share, String percent, boolean overCap,
            OnCallLoad.Counts load) {
    }

    public record PeopleView(String quarter, Instant from, Instant to, double cap, List<PersonView> people) {
    }

    /**
     * Each person on call in any schedule during the quarter ({@code 2026-Q4}; default the current
     * one, quarters in UTC) or paged in it, by id.
     */
    @GET
    @Path("/people")
    public Uni<PeopleView> people(@QueryParam("quarter") String quarter) {
        LocalDate start = quarterStart(quarter);
        TimeRange range = new TimeRange(start.atStartOfDay(ZoneOffset.UTC).toInstant(),
                start.plusMonths(3).atStartOfDay(ZoneOffset.UTC).toInstant());
        String name = start.getYear() + "-Q" + (start.getMonthValue() / 3 + 1);
        return schedules.all().chain(all -> facts.facts(range).chain(known -> limits(people(all, known))
                .map(limits -> new PeopleView(name, range.start(), range.end(), config.onCallCap(),
                        OnCallLoad.people(all, range, known, limits).stream().map(p -> new PersonView(p.person(),
                                Math.round(p.onCall().toMinutes() / 6.0) / 10.0, p.share(),
                                String.format(Locale.ROOT, "%.1f%%", p.share() * 100), p.overCap(),
                                p.counts())).toList()))));
    }

    /** A service's pages in the range, and their mean times to acknowledge and to resolve (null: none was). */
    public record ServiceView(String service, long pages, long acknowledged, Long meanSecondsToAcknowledge,
            long resolved, Long meanSecondsToResolve) {
    }

    public record ServicesView(Instant from, Instant to, List<ServiceView> services) {
    }

    /** MTTA and MTTR of each service with a page opened in the range, by id. */
    @GET
    @Path("/services")
    public Uni<ServicesView> services(@QueryParam("from") String from, @QueryParam("to") String to) {
        TimeRange range = pastRange(from, to);
        return facts.services(range).map(list -> new ServicesView(range.start(), range.end(), list.stream()
                .map(s -> new ServiceView(s.service(), s.pages(), s.acknowledged(), seconds(s.meanTimeToAcknowledge()),
                        s.resolved(), seconds(s.meanTimeToResolve()))).toList()));
    }

    /**
     * An alert by its pages in the range: how many were acknowledged and resolved in no incident (a
     * page nothing came of), how many paged again within an hour of the one before resolving, and
     * whether it flaps (two or more of those).
     */
    public record AlertView(String service, String alert, long pages, long acknowledgedAndResolvedWithoutIncident,
            long reopenedWithinAnHour, boolean flapping) {
    }

    public record AlertsView(Instant from, Instant to, List<AlertView> alerts) {
    }

    /** The noisiest alerts of the range, most pages first; {@code limit} of them (default 10, at most 100). */
    @GET
    @Path("/alerts")
    public Uni<AlertsView> alerts(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") String limit) {
        FieldErrors errors = new FieldErrors();
        TimeRange range = Instants.pastRange(from, to, clock.instant(), Instants.WEEK, errors);
        int size = limit(limit, errors);
        errors.throwIfAny();
        return facts.alerts(range, size).map(list -> new AlertsView(range.start(), range.end(), list.stream()
                .map(a -> new AlertView(a.service(), a.alert(), a.pages(), a.withoutIncident(), a.reopened(),
                        a.reopened() >= 2)).toList()));
    }

    private TimeRange pastRange(String from, String to) {
        FieldErrors errors = new FieldErrors();
        TimeRange range = Instants.pastRange(from, to, clock.instant(), Instants.WEEK, errors);
        errors.throwIfAny();
        return range;
    }

    private static int limit(String limit, FieldErrors errors) {
        if (limit == null) {
            return DEFAULT_ALERTS;
        }
        try {
            int size = Integer.parseInt(limit.strip());
            if (size >= 1 && size <= MAX_ALERTS) {
                return size;
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        errors.add("limit", "must be a whole number from 1 to " + MAX_ALERTS);
        return DEFAULT_ALERTS;
    }

    private LocalDate quarterStart(String quarter) {
        if (quarter == null) {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            return LocalDate.of(today.getYear(), (today.getMonthValue() - 1) / 3 * 3 + 1, 1);
        }
        Matcher m = QUARTER.matcher(quarter.strip());
        if (!m.matches()) {
            throw ProblemException.badRequest("quarter", "must be a year and quarter like 2026-Q4");
        }
        LocalDate start = LocalDate.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1);
        FieldErrors errors = new FieldErrors();
        Instants.within("quarter", start.atStartOfDay(ZoneOffset.UTC).toInstant(), clock.instant(), errors);
        errors.throwIfAny();
        return start;
    }

    /** Everyone the schedules name and the facts reached, whose zones decide what is off-hours. */
    private static Set<String> people(Collection<Schedule> schedules, OnCallLoad.Facts facts) {
        Set<String> people = new LinkedHashSet<>();
        schedules.forEach(s -> s.people().forEach(p -> people.add(p.id())));
        facts.reached().forEach(r -> people.add(r.person()));
        return people;
    }

    private Uni<OnCallLoad.Limits> limits(Set<String> people) {
        return users.getAll(people).map(found -> {
            Map<String, ZoneId> zones = new HashMap<>();
            found.forEach((id, user) -> zone(user).ifPresent(zone -> zones.put(id, zone)));
            return OnCallLoad.Limits.of(config, zones);
        });
    }

    private static Optional<ZoneId> zone(User user) {
        try {
            return Optional.of(ZoneId.of(user.timeZone()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Long seconds(Duration d) {
        return d == null ? null : d.toSeconds();
    }
}
