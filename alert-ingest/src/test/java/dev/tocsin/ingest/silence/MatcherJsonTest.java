package dev.tocsin.ingest.silence;

import dev.tocsin.eventing.api.FieldErrors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tocsin.eventing.api.Problem;
import dev.tocsin.eventing.api.ProblemException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatcherJsonTest {

    private static MatcherJson tocsin(String name, String op, String value) {
        return new MatcherJson(name, op, value, null, null);
    }

    private static MatcherJson alertmanager(String name, String value, Boolean isRegex, Boolean isEqual) {
        return new MatcherJson(name, null, value, isRegex, isEqual);
    }

    @Test
    void readsAlertmanagersApiV2FormSoMatchersCanBePastedFromAmtool() {
        FieldErrors errors = new FieldErrors();
        List<Matcher> read = MatcherJson.read(List.of(
                alertmanager("alertname", "DiskFull", false, true),
                alertmanager("service", "check.*", true, true),
                alertmanager("env", "dev", false, false),
                alertmanager("team", "db|ops", true, false),
                // isEqual defaults to true, as in Alertmanager before it had the field.
                alertmanager("region", "eu", null, null)), "matchers", errors);
        assertEquals(0, errors.size());
        assertEquals(List.of(Matcher.Op.EQ, Matcher.Op.RE, Matcher.Op.NE, Matcher.Op.NRE, Matcher.Op.EQ),
                read.stream().map(Matcher::op).toList());
    }

    @Test
    void refusesNoMatchers() {
        // An empty selector never means everything (SRE book ch. 13).
        assertFieldErrors(List.of(), "matchers");
        assertFieldErrors(null, "matchers");
    }

    @Test
    void refusesMatchersThatAllMatchTheEmptyString() {
        // Alertmanager's rule: such a silence would match every alert.
        assertFieldErrors(List.of(tocsin("team", "=~", ".*"), tocsin("env", "!=", "prod")), "matchers");
    }

    @Test
    void acceptsEmptyMatchingMatchersBesideOneThatNeedsAValue() {
        FieldErrors errors = new FieldErrors();
        List<Matcher> read = MatcherJson.read(List.of(tocsin("team", "=~", ".*"), tocsin("alertname", "=", "DiskFull")),
                "matchers", errors);
        assertEquals(2, read.size());
        assertEquals(0, errors.size());
    }

    @Test
    void namesTheValueOfAnInvalidRegex() {
        assertFieldErrors(List.of(tocsin("alertname", "=", "x"), tocsin("service", "=~", "check(")), "matchers[1].value");
    }

    @Test
    void namesEachInvalidPart() {
        assertFieldErrors(Arrays.asList(tocsin("bad-name", "==", null), null),
                "matchers[0].name", "matchers[0].op", "matchers[0].value", "matchers[1]");
    }

    private static void assertFieldErrors(List<MatcherJson> json, String... fields) {
        FieldErrors errors = new FieldErrors();
        assertNull(MatcherJson.read(json, "matchers", errors));
        ProblemException e = assertThrows(ProblemException.class, errors::throwIfAny);
        assertEquals(400, e.problem().status());
        assertEquals(List.of(fields), e.problem().errors().stream().map(Problem.FieldError::field).toList());
    }
}
