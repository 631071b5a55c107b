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
    void boundsTheLengthOfEveryValueRegexesIncluded() {
        // The bound (tocsin.ingest.matchers.max-value-length) is checked before a regex is compiled.
        FieldErrors errors = new FieldErrors();
        assertNull(MatcherJson.read(List.of(tocsin("alertname", "=", "x"), tocsin("summary", "=~", "a".repeat(11))),
                "matchers", errors, 10));
        ProblemException e = assertThrows(ProblemException.class, errors::throwIfAny);
        assertEquals("matchers[1].value", e.problem().errors().get(0).field());
        assertEquals("must be at most 10 characters long, not 11", e.problem().errors().get(0).message());
        assertEquals(1, MatcherJson.read(List.of(tocsin("summary", "=~", "a".repeat(10))), "m", new FieldErrors(), 10)
                .size());
    }

    @Test
    void refusesMoreMatchersThanAnAlertHasLabels() {
        List<MatcherJson> many = java.util.stream.IntStream.rangeClosed(0, MatcherJson.MAX_MATCHERS)
                .mapToObj(i -> tocsin("l" + i, "=", "v")).toList();
        assertFieldErrors(many, "matchers");
    }

    @Test
    void saysWhatIsWrongWithARegexInRegexTerms() {
        FieldErrors errors = new FieldErrors();
        MatcherJson.read(List.of(tocsin("alertname", "=~", "(Disk)\\1")), "matchers", errors);
        ProblemException e = assertThrows(ProblemException.class, errors::throwIfAny);
        assertEquals("not a valid RE2 regular expression: invalid escape sequence at `\\1` (RE2 has no"
                + " backreferences like \\1; a literal backslash is written \\\\)", e.problem().errors().get(0).message());
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
