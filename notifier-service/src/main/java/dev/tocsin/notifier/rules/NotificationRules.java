package dev.tocsin.notifier.rules;

import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.contact.ContactMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a notify request for a person expands into deliveries: their own rules when they set any,
 * else the defaults. Each target's delay decides when its first attempt is due; a page acknowledged
 * or resolved meanwhile cancels the deliveries still waiting, so a later step of the rules is only
 * sent while nobody has answered.
 */
public final class NotificationRules {

    /**
     * The defaults climb a ladder, quietest first: push, email and chat, then SMS, then a voice call.
     * The first rung the person has any method on is notified at once, the next one present a
     * minute later, the one after three minutes later. A person with only an email address gets an
     * email at once; one with an email, a phone for SMS and a phone for calls gets the email at once,
     * the SMS a minute later and the call three minutes later.
     */
    private static final List<Set<Channel>> LADDER = List.of(Set.of(Channel.PUSH, Channel.EMAIL, Channel.SLACK,
            Channel.TEAMS, Channel.MATTERMOST), Set.of(Channel.SMS),
            Set.of(Channel.VOICE));
    private static final List<Duration> RUNG_DELAYS = List.of(Duration.ZERO, Duration.ofMinutes(1),
            Duration.ofMinutes(3));

    /** What a quiet notice (a stakeholder update) may go by: to be read, never to wake anyone. */
    private static final Set<Channel> QUIET = Set.of(Channel.EMAIL, Channel.SLACK, Channel.TEAMS, Channel.MATTERMOST);

    private NotificationRules() {
    }

    /**
     * The deliveries of a quiet request: every email and chat method at once, whatever the person's
     * rules, and never SMS, voice or push; none when the person has neither.
     */
    public static List<DeliveryTarget> quiet(List<ContactMethod> methods) {
        return methods.stream().filter(m -> QUIET.contains(m.type))
                .map(m -> new DeliveryTarget(m.id, m.type, m.address, Duration.ZERO)).toList();
    }

    /**
     * The deliveries of one request: per rule in order, or the defaults when {@code rules} is empty.
     * A rule whose contact method no longer exists is skipped (rules are checked when set, and a
     * named method cannot be removed, so this only covers a race with a removal).
     */
    public static List<DeliveryTarget> expand(List<ContactMethod> methods, Optional<List<NotificationRule>> rules) {
        if (rules.isEmpty()) {
            return defaults(methods);
        }
        Map<String, ContactMethod> byId = methods.stream().collect(Collectors.toMap(m -> m.id, Function.identity()));
        List<DeliveryTarget> targets = new ArrayList<>();
        for (NotificationRule rule : rules.get()) {
            ContactMethod method = byId.get(rule.contactMethod());
            if (method != null) {
                targets.add(new DeliveryTarget(method.id, method.type, method.address, rule.delay()));
            }
        }
        return targets;
    }

    /** The rules a person without rules of their own is notified by (see {@link #LADDER}). */
    public static List<NotificationRule> defaultRules(List<ContactMethod> methods) {
        return defaults(methods).stream().map(t -> new NotificationRule(t.contactMethodId(), t.delay())).toList();
    }

    private static List<DeliveryTarget> defaults(List<ContactMethod> methods) {
        List<DeliveryTarget> targets = new ArrayList<>();
        int present = 0;
        for (Set<Channel> rung : LADDER) {
            List<ContactMethod> on = methods.stream().filter(m -> rung.contains(m.type)).toList();
            if (on.isEmpty()) {
                continue;
            }
            Duration delay = RUNG_DELAYS.get(present++);
            on.forEach(m -> targets.add(new DeliveryTarget(m.id, m.type, m.address, delay)));
        }
        return targets;
    }

    /**
     * Records under {@code rules[i]} what is wrong with a person's rules: none at all (a person
     * nobody can reach is not a choice; removing the rules restores the defaults), a contact
     * method they do not have, a delay out of range, or the same method and delay twice.
     */
    public static void check(List<NotificationRule> rules, Set<String> contactMethodIds, FieldErrors errors) {
        if (rules == null || rules.isEmpty()) {
            errors.add("rules", "must name at least one contact method; remove the rules to return to the defaults");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            NotificationRule rule = rules.get(i);
            String path = "rules[" + i + "]";
            if (rule == null) {
                errors.add(path, "must not be null");
                continue;
            }
            if (rule.contactMethod() == null || rule.contactMethod().isBlank()) {
                errors.add(path + ".contactMethod", "must not be blank");
            } else if (!contactMethodIds.contains(rule.contactMethod())) {
                errors.add(path + ".contactMethod", "'" + rule.contactMethod()
                        + "' is not one of this person's contact methods");
            }
            if (rule.delay() == null) {
                errors.add(path + ".delay", "must not be null");
            } else if (rule.delay().isNegative() || rule.delay().compareTo(NotificationRule.MAX_DELAY) > 0) {
                errors.add(path + ".delay", "must be from PT0S to " + NotificationRule.MAX_DELAY);
            } else if (rule.contactMethod() != null && !seen.add(rule.contactMethod() + "@" + rule.delay())) {
                errors.add(path, "names " + rule.contactMethod() + " at " + rule.delay() + " a second time");
            }
        }
    }
}
