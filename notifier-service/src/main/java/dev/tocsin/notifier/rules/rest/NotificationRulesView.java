package dev.tocsin.notifier.rules.rest;

import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.contact.ContactMethod;
import dev.tocsin.notifier.rules.NotificationRule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A person's notification rules as the API shows them.
 *
 * @param defaults true when the person set none and these are the defaults for their contact methods
 */
public record NotificationRulesView(String userId, boolean defaults, List<Rule> rules) {

    /** @param type the contact method's type, null if it was removed meanwhile */
    public record Rule(String contactMethod, Channel type, Duration delay) {
    }

    static NotificationRulesView of(String userId, boolean defaults, List<NotificationRule> rules,
            List<ContactMethod> methods) {
        Map<String, ContactMethod> byId = methods.stream().collect(Collectors.toMap(m -> m.id, Function.identity()));
        return new NotificationRulesView(userId, defaults, rules.stream().map(rule -> new Rule(rule.contactMethod(),
                byId.containsKey(rule.contactMethod()) ? byId.get(rule.contactMethod()).type : null, rule.delay()))
                .toList());
    }
}
