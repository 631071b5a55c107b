package dev.tocsin.escalation.page;

import dev.tocsin.escalation.policy.EscalationPolicy;
import dev.tocsin.escalation.schedule.model.OnCallAt;
import dev.tocsin.escalation.schedule.model.Schedule;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Who a policy step's targets mean at an instant, given the schedules at hand: a pure function,
 * so the Page aggregate can decide who is notified without reading anything. A person named by
 * two targets of a step is notified once. A schedule's primary and secondary are who the layered
 * model says holds the role at the instant, overrides and accepted swaps included; where no layer
 * of the role has a shift, the target names nobody.
 */
public final class StepRouting {

    private static final Logger LOG = Logger.getLogger(StepRouting.class);

    private StepRouting() {
    }

    /**
     * The teams a step's team targets name, as the caller read them.
     *
     * @param responders each team's members whose role is responder or admin, in the order a
     *     round-robin takes turns (person id); a team absent or empty names nobody
     * @param turns each team's round-robin turn for this page: the member at {@code turn} modulo the
     *     team's size is the one notified; absent is turn 0
     */
    public record Teams(Map<String, List<String>> responders, Map<String, Long> turns) {

        public static final Teams NONE = new Teams(Map.of(), Map.of());

        List<String> of(String team) {
            return responders.getOrDefault(team, List.of());
        }

        /** The member whose turn it is, or null when the team has nobody to page. */
        String inTurn(String team) {
            List<String> members = of(team);
            return members.isEmpty() ? null : members.get((int) Math.floorMod(turns.getOrDefault(team, 0L),
                    (long) members.size()));
        }
    }

    /** The teams {@code steps} name in targets of {@code types}, each once. */
    public static List<String> teams(List<PolicySnapshot.Step> steps, EscalationPolicy.TargetType... types) {
        Set<EscalationPolicy.TargetType> wanted = Set.of(types);
        return steps.stream().flatMap(step -> step.targets().stream()).filter(t -> wanted.contains(t.type()))
                .map(EscalationPolicy.Target::id).distinct().toList();
    }

    /**
     * @param schedules the schedules the step names, by id; one missing (deleted) names nobody
     */
    public static List<String> people(PolicySnapshot.Step step, Map<String, Schedule> schedules, Instant at) {
        return people(step, schedules, Teams.NONE, at);
    }

    /**
     * @param schedules the schedules the step names, by id; one missing (deleted) names nobody
     * @param teams the teams the step names, their responders and round-robin turns
     */
    public static List<String> people(PolicySnapshot.Step step, Map<String, Schedule> schedules, Teams teams,
            Instant at) {
        return people(step, schedules, teams, at, false);
    }

    /**
     * Whom a ticket of the step's policy is for at {@code at}: as {@link #people} names for a page,
     * except that a team's round-robin names all its responders, since a ticket takes no turn.
     */
    public static List<String> ticketPeople(PolicySnapshot.Step step, Map<String, Schedule> schedules,
            Map<String, List<String>> responders, Instant at) {
        return people(step, schedules, new Teams(responders, Map.of()), at, true);
    }

    private static List<String> people(PolicySnapshot.Step step, Map<String, Schedule> schedules, Teams teams,
            Instant at, boolean wholeTeams) {
        Set<String> people = new LinkedHashSet<>();
        for (EscalationPolicy.Target target : step.targets()) {
            switch (target.type()) {
                case USER -> people.add(target.id());
                case TEAM_ALL -> people.addAll(teams.of(target.id()));
                case TEAM_ROUND_ROBIN -> {
                    String member = teams.inTurn(target.id());
                    if (wholeTeams) {
                        people.addAll(teams.of(target.id()));
                    } else if (member != null) {
                        people.add(member);
                    }
                }
                case SCHEDULE_PRIMARY, SCHEDULE_SECONDARY -> {
                    Schedule schedule = schedules.get(target.id());
                    if (schedule != null) {
                        onCall(schedule, at, target.type() == EscalationPolicy.TargetType.SCHEDULE_PRIMARY,
                                people);
                    }
                }
            }
        }
        return List.copyOf(people);
    }

    private static void onCall(Schedule schedule, Instant at, boolean primary, Set<String> people) {
        OnCallAt onCall;
        try {
            onCall = schedule.at(at);
        } catch (RuntimeException e) {
            // A schedule stored before today's rules may have no answer; retrying would never give one.
            LOG.warnf("schedule %s has no on-call answer (%s); nobody is notified from it", schedule.id(),
                    e.getMessage());
            return;
        }
        (primary ? onCall.primaryPerson() : onCall.secondaryPerson()).ifPresent(people::add);
    }
}
