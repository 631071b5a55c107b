package dev.tocsin.notifier.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tocsin.eventing.api.FieldErrors;
import dev.tocsin.eventing.api.ProblemException;
import dev.tocsin.events.delivery.Channel;
import dev.tocsin.notifier.contact.ContactMethod;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a notify request expands: the person's rules in order, or the defaults' ladder over the methods they have. */
class NotificationRulesTest {

    private static ContactMethod method(String id, Channel type) {
        ContactMethod method = new ContactMethod();
        method.userId = "alice";
        method.id = id;
        method.type = type;
        method.address = id + "-address";
        method.verified = true;
        return method;
    }

    private static List<String> expanded(List<ContactMethod> methods, List<NotificationRule> rules) {
        return NotificationRules.expand(methods, Optional.ofNullable(rules)).stream()
                .map(t -> t.contactMethodId() + "@" + t.delay()).toList();
    }

    @Test
    void theDefaultsStartAtOnceWithTheFirstRungThePersonHas() {
        assertEquals(List.of("work@PT0S"), expanded(List.of(method("work", Channel.EMAIL)), null));
        assertEquals(List.of("phone@PT0S", "work@PT0S", "mobile@PT1M", "desk@PT3M"), expanded(List.of(
                method("phone", Channel.PUSH), method("work", Channel.EMAIL), method("mobile", Channel.SMS),
                method("desk", Channel.VOICE)), null));
        // Without push or email, the SMS is the first rung: at once, and the call a minute later.
        assertEquals(List.of("mobile@PT0S", "desk@PT1M"), expanded(List.of(method("desk", Channel.VOICE),
                method("mobile", Channel.SMS)), null));
        assertEquals(List.of("ops@PT0S", "desk@PT1M"), expanded(List.of(method("ops", Channel.SLACK),
                method("desk", Channel.VOICE)), null));
    }

    @Test
    void rulesAreFollowedInOrderAndARuleWhoseMethodIsGoneIsSkipped() {
        List<ContactMethod> methods = List.of(method("work", Channel.EMAIL), method("mobile", Channel.SMS));
        assertEquals(List.of("mobile@PT0S", "work@PT5M", "mobile@PT10M"), expanded(methods, List.of(
                new NotificationRule("mobile", Duration.ZERO), new NotificationRule("work", Duration.ofMinutes(5)),
                new NotificationRule("gone", Duration.ofMinutes(7)), new NotificationRule("mobile", Duration.ofMinutes(10)))));
    }

    @Test
    void everyWrongRuleIsNamedByItsPlace() {
        FieldErrors errors = new FieldErrors();
        NotificationRules.check(Arrays.asList(new NotificationRule("pager", Duration.ZERO),
                new NotificationRule("work", Duration.ofHours(2)), new NotificationRule("work", Duration.ZERO),
                new NotificationRule("work", Duration.ZERO), null), Set.of("work"), errors);
        assertEquals(List.of("rules[0].contactMethod", "rules[1].delay", "rules[3]", "rules[4]"), fields(errors));
        FieldErrors none = new FieldErrors();
        NotificationRules.check(List.of(), Set.of("work"), none);
        assertEquals(List.of("rules"), fields(none));
    }

    private static List<String> fields(FieldErrors errors) {
        try {
            errors.throwIfAny();
            return List.of();
        } catch (ProblemException e) {
            return e.problem().errors().stream().map(error -> error.field()).toList();
        }
    }
}
